// The statistics core: every function GRADIENT's reports, CLI and tests compute with.
// Definitions and references: STATS.md in the design notes; reference values come from
// test/golden/make_stats.py (the exact scipy / scikit-learn / statsmodels calls).

// Numerical building blocks that reproduce numpy's arithmetic.
export * from './pairwiseSum';
export * from './linspace';
export * from './linearQuantileSorted';
export * from './searchSorted';
export * from './sortedFinite';
export * from './meanAndStandardDeviation';
export * from './seededRandom';
export * from './regularizedGammaUpper';
export * from './increasingRoot';
export * from './chiSquareCriticalValue';
export * from './regularizedBeta';

// Two-sample distribution drift.
export * from './ksTwoSample';
export * from './kolmogorov';
export * from './populationStabilityIndex';
export * from './populationStabilityIndexNoise';
export * from './poolRareCategories';
export * from './pooledWalk';
export * from './sortedSummary';
export * from './categoryCounts';
export * from './categoricalPsi';
export * from './chiSquareHomogeneity';
export * from './wassersteinDistance';
export * from './jensenShannonDistance';

// Calibration.
export * from './calibrationCurve';
export * from './expectedCalibrationError';
export * from './maximumCalibrationError';
export * from './averageCalibrationError';
export * from './brierScore';
export * from './calibrationWithinTolerance';
export * from './clopperPearsonInterval';

// Concept drift.
export * from './cusum';
export * from './cusumAverageRunLength';
export * from './cusumThreshold';

// Covariate shift.
export * from './rocAuc';
export * from './logisticRegression';
export * from './domainClassifierAuc';

// Multiple testing.
export * from './bonferroni';
export * from './benjaminiHochberg';

// Data checks from the seed.
export * from './labelDistribution';
export * from './extremeValues';
export * from './missingRate';

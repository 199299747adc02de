/**
 * What the review knows about the ML libraries: which classes are preprocessors, selectors,
 * models or searches, which functions split, score, load data or draw random numbers. Names are
 * matched on the last component (`sklearn.preprocessing.StandardScaler` and `StandardScaler` are
 * one), so aliases of modules do not matter; an unknown class is `unknown` and the rules that
 * depend on the kind stay silent for it (precision first).
 */

/**
 * What fitting an object computes from its rows:
 * - `preprocess`: an unsupervised statistic (mean, variance, vocabulary, components);
 * - `supervised-prep`: a statistic that uses the label or reshapes rows by it (feature
 *   selection, target encoding, resampling), as harmful as fitting the model itself;
 * - `model`, `boosting` (a model that offers early stopping), `keras`, `search` (a
 *   hyperparameter search, which cross-validates internally), `pipeline`.
 */
export type EstimatorKind = 'preprocess' | 'supervised-prep' | 'model' | 'boosting' | 'keras' | 'search' | 'pipeline' | 'unknown';

const PREPROCESSORS = new Set([
  'StandardScaler',
  'MinMaxScaler',
  'RobustScaler',
  'MaxAbsScaler',
  'QuantileTransformer',
  'PowerTransformer',
  'KBinsDiscretizer',
  'SimpleImputer',
  'KNNImputer',
  'IterativeImputer',
  'PCA',
  'KernelPCA',
  'IncrementalPCA',
  'TruncatedSVD',
  'FastICA',
  'NMF',
  'TfidfVectorizer',
  'CountVectorizer',
  'TfidfTransformer',
]);

const SUPERVISED_PREPROCESSORS = new Set([
  'SelectKBest',
  'SelectPercentile',
  'SelectFpr',
  'SelectFdr',
  'SelectFwe',
  'GenericUnivariateSelect',
  'RFE',
  'RFECV',
  'SelectFromModel',
  'SequentialFeatureSelector',
  'TargetEncoder',
  'LeaveOneOutEncoder',
  'CatBoostEncoder',
  'WOEEncoder',
  'JamesSteinEncoder',
  'SMOTE',
  'SMOTENC',
  'ADASYN',
  'BorderlineSMOTE',
  'SVMSMOTE',
  'RandomOverSampler',
  'RandomUnderSampler',
  'NearMiss',
  'TomekLinks',
  'SMOTEENN',
  'SMOTETomek',
]);

const BOOSTING = new Set(['XGBClassifier', 'XGBRegressor', 'XGBRanker', 'XGBRFClassifier', 'LGBMClassifier', 'LGBMRegressor', 'LGBMRanker', 'CatBoostClassifier', 'CatBoostRegressor']);

const SEARCHES = new Set(['GridSearchCV', 'RandomizedSearchCV', 'HalvingGridSearchCV', 'HalvingRandomSearchCV', 'BayesSearchCV', 'TuneSearchCV', 'OptunaSearchCV']);

const KERAS_MODELS = new Set(['Sequential', 'Model', 'Functional']);

const MODEL_SUFFIXES = /(Classifier|Regressor|Regression|Classification|SVC|SVR|NB|Ridge|Lasso|ElasticNet|Perceptron|KMeans|Forest|Boosting|Ranker|LDA|QDA|Analysis|Estimator)$/;

const MODELS = new Set(['LogisticRegression', 'LinearRegression', 'SVC', 'SVR', 'LinearSVC', 'NuSVC', 'KNeighborsClassifier', 'GaussianNB', 'MultinomialNB', 'BernoulliNB', 'Lasso', 'Ridge', 'ElasticNet', 'KMeans', 'DBSCAN', 'IsolationForest', 'LocalOutlierFactor', 'OneClassSVM']);

/** A class name as written (`StandardScaler`, `make_pipeline` excluded) -> its kind, or undefined if it is not an estimator class we know. */
export function estimatorKind(className: string): EstimatorKind | undefined {
  if (PREPROCESSORS.has(className)) return 'preprocess';
  if (SUPERVISED_PREPROCESSORS.has(className)) return 'supervised-prep';
  if (BOOSTING.has(className)) return 'boosting';
  if (SEARCHES.has(className)) return 'search';
  if (className === 'Pipeline' || className === 'make_pipeline' || className === 'ImbPipeline') return 'pipeline';
  if (KERAS_MODELS.has(className)) return 'keras';
  if (MODELS.has(className) || MODEL_SUFFIXES.test(className)) return 'model';
  return undefined;
}

/**
 * Classes whose `random_state=None` draws from NumPy's global generator: unseeded unless
 * `np.random.seed` ran first. XGBoost, LightGBM and CatBoost are not here: their default seed
 * is fixed, so they are reproducible without one. Neither is HistGradientBoosting*: it draws
 * only for early stopping on more than 10,000 rows or binning more than 200,000, and flagging
 * every use of it would be mostly noise (precision first).
 */
const RANDOM_STATE_CLASSES = new Set([
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'GradientBoostingClassifier',
  'GradientBoostingRegressor',
  'DecisionTreeClassifier',
  'DecisionTreeRegressor',
  'ExtraTreeClassifier',
  'BaggingClassifier',
  'BaggingRegressor',
  'AdaBoostClassifier',
  'AdaBoostRegressor',
  'KMeans',
  'MiniBatchKMeans',
  'MLPClassifier',
  'MLPRegressor',
  'SGDClassifier',
  'SGDRegressor',
  'IsolationForest',
  'TSNE',
  'RandomizedSearchCV',
  'ShuffleSplit',
  'StratifiedShuffleSplit',
  'RepeatedKFold',
  'RepeatedStratifiedKFold',
  'GroupShuffleSplit',
]);

/** Splitters that are random only with `shuffle=True`. */
const SHUFFLE_SPLITTERS = new Set(['KFold', 'StratifiedKFold', 'StratifiedGroupKFold']);

/** Whether constructing `className` without `random_state` is unseeded (given its keyword arguments' names and the shuffle flag). */
export function needsRandomState(className: string, shuffleTrue: boolean): boolean {
  return RANDOM_STATE_CLASSES.has(className) || (SHUFFLE_SPLITTERS.has(className) && shuffleTrue);
}

export const SPLIT_FUNCTIONS = new Set(['train_test_split']);

/** Functions that cross-validate their estimator on the data they are given. */
export const CROSS_VALIDATION_FUNCTIONS = new Set(['cross_val_score', 'cross_validate', 'cross_val_predict', 'learning_curve', 'validation_curve', 'permutation_test_score']);

/** Splitter objects whose `.split(X)` yields (train, held-out) index pairs. */
export const SPLITTER_CLASSES = new Set(['KFold', 'StratifiedKFold', 'GroupKFold', 'StratifiedGroupKFold', 'TimeSeriesSplit', 'ShuffleSplit', 'StratifiedShuffleSplit', 'RepeatedKFold', 'RepeatedStratifiedKFold', 'GroupShuffleSplit', 'LeaveOneOut', 'PredefinedSplit']);

export const METRIC_FUNCTIONS = new Set([
  'accuracy_score',
  'balanced_accuracy_score',
  'f1_score',
  'fbeta_score',
  'precision_score',
  'recall_score',
  'roc_auc_score',
  'average_precision_score',
  'log_loss',
  'brier_score_loss',
  'matthews_corrcoef',
  'cohen_kappa_score',
  'classification_report',
  'confusion_matrix',
  'mean_squared_error',
  'root_mean_squared_error',
  'mean_absolute_error',
  'mean_absolute_percentage_error',
  'median_absolute_error',
  'r2_score',
  'explained_variance_score',
  'precision_recall_fscore_support',
]);

/** Methods of a fitted estimator that apply it to rows. */
export const APPLY_METHODS = new Set(['transform', 'predict', 'predict_proba', 'predict_log_proba', 'decision_function', 'score_samples', 'inverse_transform']);

export const FIT_METHODS = new Set(['fit', 'fit_transform', 'fit_resample', 'fit_predict', 'partial_fit']);

/** Calls that load or make a whole data set: everything they return is "all rows" until a split. */
export function isDataSource(name: string): boolean {
  return /^(read_(csv|parquet|json|excel|table|sql|sql_query|feather|pickle|orc|hdf)|load_(iris|digits|wine|breast_cancer|diabetes|linnerud|boston|svmlight_file|dataset)|fetch_[a-z0-9_]+|make_(classification|regression|blobs|moons|circles|friedman1|multilabel_classification)|DataFrame|loadtxt|genfromtxt)$/.test(name);
}

/** Functions that concatenate their arguments' rows. */
export const CONCATENATIONS = new Set(['concat', 'vstack', 'concatenate', 'hstack', 'append', 'row_stack', 'merge']);

/** NumPy's legacy global-generator functions (`np.random.<name>`). */
export const NUMPY_GLOBAL_RANDOM = new Set(['rand', 'randn', 'randint', 'random', 'random_sample', 'choice', 'shuffle', 'permutation', 'normal', 'uniform', 'binomial', 'poisson', 'exponential', 'beta', 'gamma', 'multivariate_normal']);

/** Python's `random.<name>` functions that use the module's global generator. */
export const PYTHON_GLOBAL_RANDOM = new Set(['random', 'randint', 'choice', 'choices', 'shuffle', 'sample', 'uniform', 'gauss', 'randrange']);

export const TORCH_RANDOM = new Set(['rand', 'randn', 'randint', 'randperm', 'rand_like', 'randn_like', 'bernoulli', 'multinomial']);

/** A name that says which rows a variable holds, for data whose origin the walk did not see. */
export function rowsFromName(name: string): 'train' | 'test' | 'valid' | undefined {
  // Counts, sizes, fractions and paths are about the rows, not rows: n_test, test_size, TEST_PATH.
  if (/^(n|num|len|size|count|nb)_|_(size|ratio|frac|fraction|pct|path|file|dir|url|name|idx_count)$|^(test|train|val)_?(size|ratio|frac|path|file|dir)$/i.test(name)) return undefined;
  const words = name.toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])/);
  if (words.some((word) => word === 'test' || word === 'te' || word === 'holdout' || word === 'tst')) return 'test';
  if (words.some((word) => word === 'val' || word === 'valid' || word === 'validation' || word === 'dev' || word === 'va' || word === 'eval')) return 'valid';
  if (words.some((word) => word === 'train' || word === 'tr' || word === 'trn' || word === 'training')) return 'train';
  return undefined;
}

/** A name that reads as the label (`y`, `y_all`, `target`, `labels`). */
export function isLabelName(name: string): boolean {
  return /^(y|Y)(_[a-z0-9]+)?$|^(target|targets|label|labels)$/.test(name);
}

/** Decorators that make a function an HTTP handler (FastAPI, Flask, Starlette, Litestar, Sanic). */
export const HANDLER_DECORATORS = new Set(['get', 'post', 'put', 'patch', 'delete', 'route', 'api_route', 'websocket']);

/** Methods that ask a model for an answer. */
export const PREDICT_METHODS = new Set(['predict', 'predict_proba', 'predict_log_proba', 'decision_function']);

/** Calls that load a fitted artefact (model, preprocessor, pipeline) from disk or a registry. */
export const ARTEFACT_LOADS: readonly string[] = ['load', 'load_model', 'load_learner', 'InferenceSession', 'from_pretrained', 'Booster'];

import snippets


def pytest_configure(config):
    # Fails the whole tier (exit code 4, "run `npm run build` first") when dist/catalog.json is
    # missing: parametrizing over an empty catalog would otherwise skip everything silently.
    snippets.catalog()

"""The workbook's shipped data, installed as the package ``psoas_lib.data``.

Read it through :data:`psoas_lib.paths.DATA_DIR` (``importlib.resources``), so a checkout, an
editable install and a wheel all read the same files.
"""

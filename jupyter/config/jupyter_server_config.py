# Psoas Coach's JupyterLab settings (make lab, and the browser tests, put this folder on
# JUPYTER_CONFIG_PATH). The workbook's notebooks are saved without their outputs, so that
# charts of a journal never land in the checkout (README, "Where your data lives").
c = get_config()  # noqa: F821  (traitlets config files get get_config from their loader)
c.FileContentsManager.pre_save_hook = "psoas_lib.ui.save_hook.pre_save_hook"

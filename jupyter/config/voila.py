# Psoas Coach's Voila settings (make app, and the browser tests, put this folder on
# JUPYTER_CONFIG_PATH and ../data on JUPYTER_PATH): the "psoas" template, Voila's lab
# template without the links to public CDNs, so that no page asks anything of the internet.
c = get_config()  # noqa: F821  (traitlets config files get get_config from their loader)
c.VoilaConfiguration.template = "psoas"

"""The edge: widgets, charts, the report, figures and notebook helpers.

Importing this package installs the notebook conveniences (a :class:`~psoas_lib.errors.PsoasError`
shows as one red line; a returned figure shows as a PNG). Outside IPython that does nothing.
"""

from psoas_lib.ui.notebook import install_notebook_support

install_notebook_support()

"""The widgets and displays the notebooks show (ipywidgets and HTML): the edge of the library."""

"""Case Viewer: clinical case reports as tabs around an honest timeline."""

__version__ = "0.1.0"

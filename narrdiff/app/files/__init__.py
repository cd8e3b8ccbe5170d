"""Files: reading inputs off the GUI thread, saving and opening, export, print, PDF and the desktop
entry.
"""

"""Conference mode: the case on a projector, stepped with a clicker, with a presenter console.

One name throughout: `ConferenceMode` (mode.py) runs a talk over the window the room sees; `Talk`
(talk.py) is the talk's state and keys; the `PresenterConsole` and the `CoverOverlay` are its views.
"""

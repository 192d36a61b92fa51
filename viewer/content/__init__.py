"""What is shown, without Qt: sections, wording, disclosure and the timeline's data, layout and hit testing.

Window, exports and conference mode all take what they show from here.
"""

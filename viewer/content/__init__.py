"""What is shown, without Qt: sections, the fields of each kind of item, wording, disclosure,
the case as shown (worked out once per load) and the timeline's data, layout and hit testing.

Window, exports and conference mode all take what they show from here.
"""

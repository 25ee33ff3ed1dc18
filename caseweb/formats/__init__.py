"""Date and time formats of Caseweb's two languages (FORMAT_MODULE_PATH).

Iraq writes dates day first and the clock on 24 hours; Django's Arabic locale has no date-and-time
formats (its pages fell back to month/day/year with "ص"/"م") and its English one is American.
Both languages here say 21/11/2026 and 14:30. The input formats keep ISO first: the browsers'
``type=date`` and ``datetime-local`` fields send and expect ISO, and Django renders a date
field's value with the first input format.
"""

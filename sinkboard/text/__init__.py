"""What people read: the translations (gettext catalogues), numbers and dates in each language, the rejected rows' messages."""

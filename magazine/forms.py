from django import forms

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The search query, checked. includes/search_box.html draws it, with
    the same limit as the input's maxlength."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False)

    def clean_q(self):
        # Control characters mean nothing in a search and upset databases.
        query = self.cleaned_data["q"]
        return "".join(char for char in query if char.isprintable()).strip()

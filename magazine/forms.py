from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search interviews and artists"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Artist, alias, Hangul or any word"),
                "autocomplete": "off",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "search-form"
        self.helper.attrs = {"role": "search"}
        # A plain <button>: a named submit would add itself to the query string.
        self.helper.layout = Layout(
            Field("q"),
            StrictButton(_("Search"), type="submit", css_class="btn-primary"),
        )

    def clean_q(self):
        # Control characters mean nothing in a search and upset databases.
        query = self.cleaned_data["q"]
        return "".join(char for char in query if char.isprintable()).strip()

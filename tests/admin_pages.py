"""Read an admin form the way a browser would, so tests post what an editor
would: every field as rendered, with their changes on top."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "image", "file", "reset"}


class FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.select = None
        self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in SKIPPED_INPUTS:
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
            else:
                self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # Browsers drop the newline that follows <textarea>.
            value = self.data[self.textarea][-1] + data
            self.data[self.textarea][-1] = value.removeprefix("\n")


def read_form(response, form_id):
    """The data a browser would submit from the form `form_id`."""
    reader = FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, f"no form #{form_id} on the page"
    return {
        name: values if len(values) != 1 else values[0]
        for name, values in reader.data.items()
    }


def add_inline_row(data, prefix, **fields):
    """Fill the first blank extra row of an inline, or add a row."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for index in range(total):
        row = f"{prefix}-{index}-"
        blank = not data.get(f"{row}id") and not any(
            data.get(row + name) for name in fields
        )
        if blank:
            break
    else:
        index = total
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def errors_of(response):
    """Every error message on an admin change form response, as one list."""
    messages = []
    if response.context is None:
        return messages
    adminform = response.context.get("adminform")
    if adminform is not None:
        for field_errors in adminform.form.errors.values():
            messages.extend(field_errors)
    for inline in response.context.get("inline_admin_formsets", []):
        messages.extend(inline.formset.non_form_errors())
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
    return [str(message) for message in messages]

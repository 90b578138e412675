from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm

from factcheck.services import signin
from factcheck.text.guards import size_words


class PasteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
                           error_messages={"required": "Nothing to import: paste the article's text."},
                           help_text="Paste the article with its headline, byline and date; "
                                     "share prompts and notices are removed.")
    url = forms.URLField(required=False, assume_scheme="https", label="Address of the article (optional)")


class UploadForm(forms.Form):
    file = forms.FileField(help_text=".txt, .md, .html, or .jsonl with one article per line")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson")):
            raise forms.ValidationError("Choose a .txt, .md, .html or .jsonl file.")
        jsonl = name.endswith((".jsonl", ".ndjson"))
        limit = settings.IMPORT_MAX_JSONL_BYTES if jsonl else settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {size_words(upload.size)}; the limit is {size_words(limit)}"
                + (" for a JSONL upload." if jsonl else "."))
        return upload


class UrlForm(forms.Form):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="Address of the article")


class LimitedAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, saying so when the sign-in limiter refuses (the limiter itself is
    in the authentication backend, so it holds for every form)."""

    def clean(self):
        if self.request is not None and signin.blocked(self.request, self.data.get("username", "")):
            raise forms.ValidationError(signin.blocked_message(), code="too_many")
        return super().clean()

from django import forms
from django.conf import settings


class PasteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
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
        if not name.endswith((".jsonl", ".ndjson")) and upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1e6:.1f} MB; the limit is {settings.IMPORT_MAX_BYTES / 1e6:.1f} MB.")
        return upload


class UrlForm(forms.Form):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="Address of the article")

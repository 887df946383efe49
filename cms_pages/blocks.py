"""StreamField blocks of the public pages: rich bodies for case studies, legal pages, downloads."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=100)

    class Meta:
        icon = "openquote"
        template = "cms_pages/blocks/quote.html"
        label = _("Quotation")


class FactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("figure"), max_length=30)
    label = blocks.CharBlock(label=pgettext_lazy("block", "label"), max_length=60)


class FiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FactBlock(), **kwargs)

    class Meta:
        icon = "table"
        template = "cms_pages/blocks/figures.html"
        label = _("Key figures")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms_pages/blocks/image.html"
        label = _("Image")


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.TextBlock(label=pgettext_lazy("block", "description"), required=False)
    title_en = blocks.CharBlock(
        label=_("document title (English)"),
        required=False,
        max_length=200,
        help_text=_("For visitors reading English; the document's own title if empty."),
    )
    description_en = blocks.TextBlock(label=_("description (English)"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")


class DownloadSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    heading_en = blocks.CharBlock(label=_("heading (English)"), max_length=100, required=False)
    items = blocks.ListBlock(DownloadBlock(), label=_("documents"))

    class Meta:
        icon = "folder-open-inverse"
        template = "cms_pages/blocks/download_section.html"
        label = _("Download section")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=100,
        form_classname="title",
        template="cms_pages/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )
    quote = QuoteBlock()
    figures = FiguresBlock()
    image = ImageBlock()
    download = DownloadBlock(template="cms_pages/blocks/download.html")

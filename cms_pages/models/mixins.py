"""What every public page type shares."""


class PublicPageMixin:
    """Pages whose 200 responses the public-page cache may keep (cms_pages.middleware)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "status_code", None) == 200:
            response.public_cacheable = True
        return response

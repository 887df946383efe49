"""Open data of the public site: the notices as JSON (with an OpenAPI description), an Atom feed,
and CSV / XLSX downloads. Routes in cms_pages/opendata/urls.py, under /api/v1/."""

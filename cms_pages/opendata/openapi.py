"""The OpenAPI 3.1 description of the open data, built from the same filter form and orders the
views use, so the two cannot drift apart (a test validates it and checks real answers)."""

from __future__ import annotations

from django.http import JsonResponse

from cms_pages.forms import MAX_EXPIRING_DAYS, PUBLIC_STATUS_CHOICES
from cms_pages.opendata.cursor import ORDERS
from cms_pages.opendata.views import MAX_LIMIT, public, read_only
from compliance.models import Industry, Kind, Scope

_DATE = {"type": ["string", "null"], "format": "date"}
_DECIMAL = {"type": ["string", "null"], "description": "A decimal number as text."}
_TEXT = {"type": "string"}


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}  # fmt: skip


def _filters() -> list[dict]:
    sorts = [order for order in ORDERS if order != "updated"]
    return [
        _query("q", {"type": "string", "maxLength": 100},
               "Words to search for in Chinese or English (segmented with jieba)."),
        _query("industry", {"type": "string", "enum": list(Industry.values)},
               "GB/T 4754 section letter."),
        _query("region", {"type": "string", "pattern": r"^\d{6}$"},
               "GB/T 2260 code; a city or province code includes the areas under it."),
        _query("scope", {"type": "string", "enum": list(Scope.values)}, "Contract scope."),
        _query("kind", {"type": "string", "enum": list(Kind.values)}, "Contract kind."),
        _query("status", {"type": "string", "enum": [v for v, _l in PUBLIC_STATUS_CHOICES]},
               "Contract status."),
        _query("year", {"type": "integer", "minimum": 1990, "maximum": 2100},
               "A year the contract was in force."),
        _query("in_force_on", {"type": "string", "format": "date"},
               "Only contracts in force on this day."),
        _query("expiring_within", {"type": "integer", "minimum": 1,
                                   "maximum": MAX_EXPIRING_DAYS},
               "Only effective contracts whose term ends within this many days from today."),
        _query("sort", {"type": "string", "enum": sorts}, "Order; newest first by default."),
    ]  # fmt: skip


_SUMMARY = {
    "type": "object",
    "required": ["id", "title", "employer", "union", "scope", "kind", "status", "updated_at"],
    "properties": {
        "id": {"type": "string", "format": "uuid", "description": "Stable public id."},
        "title": _TEXT,
        "employer": _TEXT,
        "union": _TEXT,
        "scope": {"type": "string", "enum": list(Scope.values)},
        "scope_label": _TEXT,
        "kind": {"type": "string", "enum": list(Kind.values)},
        "kind_label": _TEXT,
        "status": {"type": "string"},
        "status_label": _TEXT,
        "industry": _TEXT,
        "region_code": _TEXT,
        "year": {"type": "integer"},
        "starts_on": _DATE,
        "ends_on": _DATE,
        "in_force_from": _DATE,
        "in_force_until": _DATE,
        "signed_on": _DATE,
        "effective_on": _DATE,
        "published_on": _DATE,
        "filing_number": _TEXT,
        "covered_employees": {"type": "integer", "minimum": 0},
        "wage_growth_pct": _DECIMAL,
        "minimum_wage": _DECIMAL,
        "weekly_hours": _DECIMAL,
        "relation": {"type": "string", "enum": ["", "renewal", "amendment"]},
        "predecessor": {"type": ["string", "null"], "format": "uuid"},
        "first_published_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": ["string", "null"], "format": "uri"},
        "api_url": {"type": "string", "format": "uri"},
    },
}
_DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/NoticeSummary"},
        {
            "type": "object",
            "required": ["clauses", "withheld_clauses", "successors"],
            "properties": {
                "covered_enterprises": {"type": "array", "items": {"type": "object"}},
                "clauses": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "order": {"type": ["integer", "null"]},
                            "topic": {"type": ["string", "null"]},
                            "text": _TEXT,
                        },
                    },
                },
                "withheld_clauses": {
                    "type": "integer",
                    "description": "Clauses kept back as business secrets.",
                },
                "successors": {"type": "array", "items": {"type": "string", "format": "uuid"}},
            },
        },
    ]
}
_ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": _TEXT,
        "message": _TEXT,
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi_document(server_url: str) -> dict:
    list_params = [
        *_filters(),
        _query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 20},
               "Notices per page."),
        _query("cursor", {"type": "string"}, "The next_cursor of the previous page."),
        _query("updated_since", {"type": "string", "format": "date-time"},
               "Change feed: notices changed at or after this time, oldest change first. "
               "A withdrawn notice leaves the lists; its address then answers 410."),
    ]  # fmt: skip
    limited = _error("Too many requests from this client this minute; see Retry-After.")
    download_params = _filters()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Collective contract notices",
            "version": "1.0.0",
            "description": (
                "Public notices of collective contracts of this trade-union federation. "
                "Personal data is never included and clauses kept as business secrets are "
                "withheld. Rate limited per client."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/notices/": {
                "get": {
                    "operationId": "listNotices",
                    "summary": "Listed notices, filtered, by cursor",
                    "parameters": list_params,
                    "responses": {
                        "200": {
                            "description": "A page of notices.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["data", "order", "limit", "next_cursor"],
                                        "properties": {
                                            "data": {
                                                "type": "array",
                                                "items": {
                                                    "$ref": "#/components/schemas/NoticeSummary"
                                                },
                                            },
                                            "order": {"type": "string"},
                                            "limit": {"type": "integer"},
                                            "next_cursor": {"type": ["string", "null"]},
                                            "next": {"type": ["string", "null"], "format": "uri"},
                                        },
                                    }
                                }
                            },
                        },
                        "400": _error("A parameter is not valid."),
                        "429": limited,
                    },
                }
            },
            "/api/v1/notices/{id}/": {
                "get": {
                    "operationId": "getNotice",
                    "summary": "One notice with its clauses",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The notice.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/NoticeDetail"}
                                }
                            },
                        },
                        "400": _error("This address takes no parameters."),
                        "404": _error("No notice has this id."),
                        "410": _error("The notice has been withdrawn."),
                        "429": limited,
                    },
                }
            },
            "/api/v1/notices.atom": {
                "get": {
                    "operationId": "noticeFeed",
                    "summary": "Atom feed of the 50 latest new or changed notices",
                    "parameters": download_params,
                    "responses": {
                        "200": {
                            "description": "An Atom 1.0 feed.",
                            "content": {"application/atom+xml": {"schema": {"type": "string"}}},
                        },
                        "400": _error("A parameter is not valid."),
                        "429": limited,
                    },
                }
            },
            "/api/v1/notices.csv": {
                "get": {
                    "operationId": "downloadNoticesCsv",
                    "summary": "The filtered list as CSV (UTF-8 with BOM)",
                    "parameters": download_params,
                    "responses": {
                        "200": {
                            "description": "CSV file.",
                            "content": {"text/csv": {"schema": {"type": "string"}}},
                        },
                        "400": _error("A parameter is not valid."),
                        "429": limited,
                    },
                }
            },
            "/api/v1/notices.xlsx": {
                "get": {
                    "operationId": "downloadNoticesXlsx",
                    "summary": "The filtered list as an XLSX workbook (first 50,000 rows)",
                    "parameters": download_params,
                    "responses": {
                        "200": {
                            "description": "XLSX file.",
                            "content": {
                                "application/vnd.openxmlformats-officedocument"
                                ".spreadsheetml.sheet": {
                                    "schema": {"type": "string", "contentEncoding": "binary"}
                                }
                            },
                        },
                        "400": _error("A parameter is not valid."),
                        "429": limited,
                    },
                }
            },
        },
        "components": {
            "schemas": {"NoticeSummary": _SUMMARY, "NoticeDetail": _DETAIL, "Error": _ERROR}
        },
    }


@read_only
def openapi_json(request):
    response = JsonResponse(
        openapi_document(request.build_absolute_uri("/").rstrip("/")),
        json_dumps_params={"ensure_ascii": False},
    )
    return public(response)

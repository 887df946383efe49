"""The open-data API on Django REST framework (issue 19, part 6) against a plain Django view.

One federation with 20,000 notices (bench_public's SQL generator). Each case calls the DRF view
in-process (RequestFactory, the federation's schema set, rendered to bytes) and, as the baseline
in the same run, a plain Django view that answers the same JSON the way the hand-written API did
before the port (the rate-limit count, `filtered`, one query, `Links.summary`, JsonResponse),
the two alternating request by request so that the machine's load falls on both alike. The
ratio (of the means; of the minimums in brackets) is DRF's overhead per request; the bodies are
checked to hold the same notices. Also: a page deep in the list by cursor against the first page
(keyset pagination costs the same at any depth), and the OpenAPI description generated against
served from the per-process cache.
"""

from __future__ import annotations

import json

from bench.harness import Row, bench_federation, timed

NOTICES = 20_000
RUNS = 40
HOST = "api.bench.test"
SCHEMA = "bench_api"


def _rate_count(request) -> None:
    """The baseline counts the request in the rate limit as the pre-DRF views did."""
    from portal.ratelimit import window_count

    window_count(request, scope="opendata")


def _plain_list(request):
    """The baseline: the pre-DRF list view's work, without DRF."""
    from django.http import JsonResponse

    _rate_count(request)
    from cms_pages.opendata import cursor as keyset
    from cms_pages.opendata.query import API_PARAMS, NOTICE_LIST_DEFER, Links, filtered

    queryset, order, extra = filtered(request.GET, allowed=API_PARAMS)
    limit = extra["limit"]
    rows = list(queryset.select_related("predecessor").defer(*NOTICE_LIST_DEFER)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    links = Links(request)
    return JsonResponse(
        {
            "data": [links.summary(n) for n in rows],
            "order": order,
            "limit": limit,
            "next_cursor": keyset.cursor_encode(order, rows[-1]) if more else None,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _plain_detail(request, public_id):
    from django.http import JsonResponse

    from cms_pages.opendata.query import Links
    from cms_pages.opendata.serialize import notice_detail
    from cms_pages.selectors import notice_by_public_id, notice_successors

    _rate_count(request)
    notice = notice_by_public_id(public_id)
    links = Links(request)
    data = notice_detail(
        notice,
        page_url=links.page(notice),
        api_url=links.api(notice),
        successors=[str(s.public_id) for s in notice_successors(notice)],
    )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _paired(drf, plain, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(mean, min) of each, timed alternately."""
    import statistics
    import time

    samples: dict[str, list[float]] = {"drf": [], "plain": []}
    for _ in range(runs):
        for name, fn in (("drf", drf), ("plain", plain)):
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return tuple(  # type: ignore[return-value]
        (statistics.mean(samples[n]), min(samples[n])) for n in ("drf", "plain")
    )


def _body(response) -> bytes:
    if hasattr(response, "render"):
        response.render()
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return response.content


def run() -> list[Row]:
    from django.test import RequestFactory, override_settings

    from bench.bench_public import _populate
    from cms_pages.models import ContractNotice
    from cms_pages.opendata import schema as api_schema
    from cms_pages.opendata.views import NoticeDetail, NoticeList
    from tenants import context

    bench_federation(schema=SCHEMA, name="测开放数据总工会", domain=HOST)
    _populate(SCHEMA, notices=NOTICES, enterprises=5_000)
    factory = RequestFactory(HTTP_HOST=HOST)
    drf_list, drf_detail = NoticeList.as_view(), NoticeDetail.as_view()
    rows: list[Row] = []
    with (
        override_settings(ALLOWED_HOSTS=[HOST], OPEN_DATA_RATE_LIMIT=10**9),
        context.federation_context(SCHEMA),
    ):
        public_id = str(ContractNotice.objects.order_by("id").values_list("public_id")[0][0])
        # A cursor 250 pages of 20 deep, made by walking the list.
        query = "/api/v1/notices/?limit=100&sort=oldest"
        for _ in range(50):
            query = json.loads(_body(drf_list(factory.get(query))))["next"].split(HOST, 1)[1]
        cases = {
            "list, 20 per page": "/api/v1/notices/",
            "list, 100 per page": "/api/v1/notices/?limit=100",
            "list, industry C, 100 per page": "/api/v1/notices/?industry=C&limit=100",
            "list, page 51 of 100 by cursor": query,
        }
        for name, path in cases.items():
            drf = json.loads(_body(drf_list(factory.get(path))))
            plain = json.loads(_body(_plain_list(factory.get(path))))
            same = [n["id"] for n in drf["data"]] == [n["id"] for n in plain["data"]]
            same = same and drf["data"] == plain["data"] and len(drf["data"]) > 0
            (mean, low), (base_mean, base_low) = _paired(
                lambda p=path: _body(drf_list(factory.get(p))),
                lambda p=path: _body(_plain_list(factory.get(p))),
                RUNS,
            )
            rows.append(Row("opendata", f"plain Django view: {name}", RUNS, base_mean, base_low))
            rows.append(
                Row("opendata", f"DRF: {name}", RUNS, mean, low,
                    f"{mean / base_mean:.2f}x ({low / base_low:.2f}x) the plain view"
                    + ("" if same else "; ANSWERS DIFFER"), failed=not same)
            )  # fmt: skip
        first = next(r for r in rows if r.case == "DRF: list, 100 per page")
        deep = rows[-1]
        deep.note += f"; {deep.mean_s / first.mean_s:.2f}x the first page of 100"

        path = f"/api/v1/notices/{public_id}/"
        drf = json.loads(_body(drf_detail(factory.get(path), public_id=public_id)))
        plain = json.loads(_body(_plain_detail(factory.get(path), public_id)))
        (mean, low), (base_mean, base_low) = _paired(
            lambda: _body(drf_detail(factory.get(path), public_id=public_id)),
            lambda: _body(_plain_detail(factory.get(path), public_id)),
            RUNS,
        )
        rows.append(Row("opendata", "plain Django view: one notice", RUNS, base_mean, base_low))
        rows.append(
            Row("opendata", "DRF: one notice", RUNS, mean, low,
                f"{mean / base_mean:.2f}x ({low / base_low:.2f}x) the plain view"
                + ("" if drf == plain else "; ANSWERS DIFFER"), failed=drf != plain)
        )  # fmt: skip

    def generate():
        api_schema._generated.cache_clear()
        return api_schema.openapi_document(f"http://{HOST}")

    gen_mean, gen_low = timed(generate, 10)
    served_mean, served_low = timed(lambda: api_schema.openapi_document(f"http://{HOST}"), RUNS)
    rows.append(Row("opendata", "OpenAPI description generated", 10, gen_mean, gen_low))
    rows.append(
        Row("opendata", "OpenAPI description from the process cache", RUNS, served_mean,
            served_low, f"{served_mean / gen_mean:.3f}x generating it")
    )  # fmt: skip
    return rows

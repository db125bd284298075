"""The FastAPI app behind `eventwire serve`: a read-only REST API over the store plus the dashboard.

Security: the CLI binds to 127.0.0.1; `token` makes every request (API, dashboard, docs) carry
`Authorization: Bearer <token>` (the dashboard gets a SameSite cookie from `/?token=...` instead);
page size and query time are capped; the only write endpoint, POST /api/ingest, exists only when
`allow_ingest` is set.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import astuple
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventwire import __version__
from eventwire.api import queries
from eventwire.api.queries import Filter, QueryError, QueryTimeout, Reader

STATIC = Path(str(resources.files("eventwire.api") / "static"))
COOKIE = "eventwire_token"
# The dashboard and docs load nothing from outside this server.
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
)  # Swagger UI's page bootstraps itself with an inline script

Code = Annotated[str | None, Query(min_length=3, max_length=3, description="3-letter code, e.g. KOR (country) or GOV (sector)")]  # fmt: skip


def event_filter(
    country: Code = None,
    actor_country: Code = None,
    recipient_country: Code = None,
    sector: Code = None,
    actor_sector: Code = None,
    recipient_sector: Code = None,
    dyad: Annotated[
        str | None, Query(description="Country pair, e.g. KOR-PRK (either direction unless directed)")
    ] = None,
    directed: Annotated[bool, Query(description="dyad means actor -> recipient only")] = False,
    type: Annotated[
        list[str] | None, Query(description="PLOVER type(s), e.g. ASSAULT; repeat or comma-separate")
    ] = None,
    quad: Annotated[list[int] | None, Query(description="Quad class(es) 0-4: 1-2 cooperation, 3-4 conflict")] = None,
    cameo: Annotated[str | None, Query(description="CAMEO code prefix, e.g. 19")] = None,
    start: Annotated[date | None, Query(description="First event date (YYYY-MM-DD)")] = None,
    end: Annotated[date | None, Query(description="Last event date (YYYY-MM-DD)")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name or its country code")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the sentence, actor, recipient or place")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    involving: Annotated[str | None, Query(description="Country as actor, recipient or event place")] = None,
) -> Filter:
    box = None
    if bbox:
        try:
            w, s, e, n = (float(v) for v in bbox.split(","))
        except ValueError:
            raise HTTPException(
                400, f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, got {bbox!r}"
            ) from None
        box = (w, s, e, n)
    types = [t for v in type or [] for t in v.split(",")]
    try:
        return Filter(
            country=country, actor_country=actor_country, recipient_country=recipient_country, sector=sector,
            actor_sector=actor_sector, recipient_sector=recipient_sector, dyad=dyad, directed=directed, types=types,
            quads=list(quad or []), cameo=cameo, start=start, end=end, place=place, bbox=box, q=q,
            min_confidence=min_confidence, involving=involving,
        ).validate()  # fmt: skip
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None


Filters = Annotated[Filter, Depends(event_filter)]


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def reply(data: Any) -> Response:
    """JSON straight from the query rows: several times faster than FastAPI's generic encoder on big lists."""
    return Response(json.dumps(data, default=_plain, separators=(",", ":")), media_type="application/json")


class IngestArticle(BaseModel):
    text: str = Field(description="Article text")
    id: str | None = None
    date: str | None = Field(None, description="Publication date YYYY-MM-DD")
    url: str | None = None
    title: str | None = None
    source: str | None = None


class IngestRequest(BaseModel):
    articles: list[IngestArticle] = Field(max_length=100)


def create_app(db: str | Path, token: str | None = None, allow_ingest: bool = False, max_page: int = 500,
               timeout: float = 5.0) -> FastAPI:  # fmt: skip
    """The app over the store at `db`: read-only unless `allow_ingest`."""
    store = None
    if allow_ingest:
        from eventwire.store import Store

        store = Store(db)
        reader = Reader(db, timeout, con=store.con)
    else:
        reader = Reader(db, timeout)
    write_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        (store or reader).close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=__version__,
        description="Political events coded from news text, each linked to the sentences that support it. "
        "Read-only unless the server was started with --allow-ingest.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = reader

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.middleware("http")
    async def _guard(request: Request, call_next: Any) -> Response:
        if token is not None:
            given = request.headers.get("authorization", "")
            bearer = given[7:] if given.lower().startswith("bearer ") else None
            candidate = bearer or request.cookies.get(COOKIE) or ""
            link = request.query_params.get("token") if request.url.path == "/" else None
            if link and hmac.compare_digest(link.encode(), token.encode()):  # dashboard login link -> cookie
                resp: Response = RedirectResponse("/", status_code=303)
                resp.set_cookie(COOKIE, token, httponly=True, samesite="strict")
                return resp
            if not hmac.compare_digest(candidate.encode(), token.encode()):
                return JSONResponse({"detail": "a bearer token is required (Authorization: Bearer <token>)"},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        resp = await call_next(request)
        resp.headers.setdefault("Content-Security-Policy", DOCS_CSP if request.url.path == "/docs" else CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        return resp

    # The store cannot change under a read-only connection (DuckDB locks out writers), so the two
    # answers every dashboard load asks for, the store summary and the alerts, are computed once;
    # an ingest through this server clears them.
    memo: dict[tuple[Any, ...], Any] = {}

    def cached(key: tuple[Any, ...], compute: Any) -> Any:
        if key not in memo:
            if len(memo) >= 256:
                memo.clear()
            memo[key] = compute()
        return memo[key]

    def check_page(limit: int) -> None:
        if limit > max_page:
            raise HTTPException(400, f"limit must be at most {max_page} (the server's page size cap)")

    @app.get("/api/events", tags=["events"], summary="Events matching the filters, paginated and sorted")
    def list_events(
        f: Filters,
        sort: Annotated[queries.Sort, Query(description="Column; '-' for descending")] = "-date",
        limit: Annotated[int, Query(ge=1, description="Page size (capped by the server)")] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        check_page(limit)
        return reply(queries.events(reader, f, sort, limit, offset))

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with every mention and sentence")
    def get_event(event_id: str) -> Response:
        found = queries.event(reader, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return reply(found)

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article, its text and its events")
    def get_article(article_id: str) -> Response:
        found = queries.article(reader, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return reply(found)

    @app.get("/api/timeline", tags=["aggregates"], summary="Event counts and Goldstein sums per period and quad class")
    def get_timeline(
        f: Filters,
        interval: Annotated[
            Literal["auto", "day", "week", "month"], Query(description="auto: by the span of the matching events")
        ] = "auto",
    ) -> Response:
        return reply(queries.timeline(reader, f, interval))

    @app.get("/api/dyads", tags=["aggregates"], summary="Network edges (actor -> recipient) weighted by event count")
    def get_dyads(
        f: Filters,
        level: Annotated[
            Literal["country", "actor"], Query(description="country codes or full actor codes")
        ] = "country",
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        domestic: Annotated[bool, Query(description="keep edges within one country")] = False,
    ) -> Response:
        return reply(queries.dyads(reader, f, level, limit, domestic))

    @app.get("/api/places", tags=["aggregates"], summary="Event locations for the map, binned to 0.1 degree")
    def get_places(f: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> Response:
        return reply(queries.places(reader, f, limit))

    @app.get("/api/alerts", tags=["alerts"], summary="Conflict spikes per country and dyad, with evidence")
    def get_alerts(
        as_of: Annotated[date | None, Query(description="Last day of the current bin (default: latest event)")] = None,
        window: Annotated[int, Query(ge=1, le=366, description="Days per bin")] = 7,
        baseline: Annotated[int, Query(ge=2, le=104, description="Baseline bins before the current one")] = 8,
        threshold: Annotated[float, Query(gt=0, le=100, description="z-score to alert")] = 3.0,
        min_count: Annotated[int, Query(ge=1, le=100000)] = 3,
        country: Code = None,
        evidence: Annotated[int, Query(ge=0, le=100)] = 10,
    ) -> Response:
        from eventwire import alerts

        if country is not None and not queries.CODE.match(country.upper()):
            raise HTTPException(400, f"country must be a 3-letter code such as KOR, got {country!r}")
        settings = alerts.Settings(as_of, window, baseline, threshold, min_count, country and country.upper(), evidence)
        used, found = cached(("alerts", *astuple(settings)), lambda: alerts.find(reader, settings))
        return reply({"method": alerts.__doc__, "settings": used.describe(), "as_of": used.as_of,
                      "alerts": [a.to_dict() for a in found]})  # fmt: skip

    @app.get("/api/meta", tags=["store"], summary="Store size, date range, countries and event types")
    def get_meta() -> Response:
        return reply(
            {
                **cached(("meta",), lambda: queries.meta(reader)),
                "version": __version__,
                "ingest": allow_ingest,
                "max_page": max_page,
            }
        )

    if store is not None:

        @app.post("/api/ingest", tags=["store"], summary="Code and store articles (only with --allow-ingest)")
        def ingest(body: IngestRequest) -> Response:
            from eventwire.ingest.readers import article_from_record
            from eventwire.model import Article
            from eventwire.pipeline import code_many

            errors, fresh = [], []
            for i, raw in enumerate(body.articles):
                item = article_from_record(raw.model_dump(exclude_none=True), f"articles[{i}]")
                if isinstance(item, Article):
                    fresh.append(item)
                else:
                    errors.append(str(item))
            stored = events = skipped = 0
            with write_lock:
                new = [a for a in fresh if not store.has_article(a)]
                skipped = len(fresh) - len(new)
                for coded in code_many(new):
                    assert coded.article is not None
                    store.add(coded.article, coded.events, coded.error)
                    if coded.error:
                        errors.append(f"{coded.article.id}: {coded.error}")
                    else:
                        stored, events = stored + 1, events + len(coded.events)
            memo.clear()
            return reply({"stored": stored, "events": events, "already_stored": skipped, "errors": errors})

    docs_static = Path(str(resources.files("fastapi_offline") / "static"))
    app.mount("/docs-static", StaticFiles(directory=docs_static), name="docs-static")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventwire API",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/docs-static/favicon.png",
                                   swagger_ui_parameters={"validatorUrl": None})  # fmt: skip

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app

"""The HTTP API over a stored database: the same library calls as the CLI, errors as {"error": message}.

`uvicorn.run(create_app(Atlas(Settings(db="events.db"))), host=..., port=...)`. OpenAPI at /openapi.json;
/docs works offline (Swagger UI served from the installed swagger-ui-bundle package, or a plain listing when it
is absent). An eventatlas error answers {"error": message, "code": its stable code}; no traceback is sent."""

from __future__ import annotations

import html
from contextlib import asynccontextmanager
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventatlas import __version__
from eventatlas.atlas import Atlas
from eventatlas.errors import EventAtlasError, QueryTimeout, StoreError, UsageError, describe_bug
from eventatlas.export import FORMATS, LEVELS, write_export
from eventatlas.serve.api_sources import event_detail, incident_detail
from eventatlas.store import EventFilter, FilterError

STATIC_DIR = Path(str(resources.files("eventatlas.serve").joinpath("static")))
MAX_PAGE = 1000
MAX_ID = 100  # event and document ids are 16 hex digits and a suffix
MAX_CURSOR = 200

# Sent with every answer, not only as the page's meta tag: nothing on the page comes from elsewhere, no other
# site may frame it, and no browser may guess a type other than the one given. Swagger UI starts from an
# inline script, so /docs alone allows one.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
_DOCS_CSP = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    """ASGI middleware adding the headers above to every response (a plain one: no cost per request beyond
    the headers themselves)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = (_DOCS_CSP if scope["path"] == "/docs" else _CSP).encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", csp), *_HEADERS]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def _filter(**params: str | None) -> EventFilter:
    try:
        return EventFilter.from_params(params)
    except FilterError as exc:
        raise ApiError(422, str(exc)) from None


def event_filter(
    type: str | None = Query(None, description="PLOVER type, e.g. ASSAULT"),
    acled_type: str | None = Query(None, description="ACLED event type or sub-event type"),
    status: str | None = Query(None, description="occurred, planned, possible, denied or hypothetical"),
    actor: str | None = Query(None, description="text contained in an actor's name"),
    country: str | None = Query(None, description="ISO 3166 alpha-2 code"),
    since: str | None = Query(None, description="YYYY-MM-DD, on the event's start date"),
    until: str | None = Query(None, description="YYYY-MM-DD, on the event's start date"),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    near: str | None = Query(None, description="lat,lon,km"),
    q: str | None = Query(None, description="words in the event's evidence sentence, actors or place "
                                            "(all must occur; word* is a prefix)"),
) -> EventFilter:
    """The filters every listing takes (events, incidents, stats, export), read as the CLI reads them."""
    return _filter(type=type, acled_type=acled_type, status=status, actor=actor, country=country, since=since,
                   until=until, bbox=bbox, near=near, q=q)


def create_app(atlas: Atlas) -> FastAPI:
    """The app over the Atlas's store, opened read-only: the API never writes."""
    store = atlas.store(read_only=True)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="eventatlas", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Geocoded political and conflict events, each traceable to its sentence and source.")
    app.state.store = store
    app.add_middleware(SecurityHeaders)
    budget = atlas.settings.request_seconds

    @app.exception_handler(QueryTimeout)
    async def _too_slow(_req: Request, exc: QueryTimeout):  # the reason alone: the server's path is its own
        return JSONResponse({"error": exc.reason, "code": exc.code}, status_code=503)

    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(EventAtlasError)
    async def _eventatlas_error(_req: Request, exc: EventAtlasError):
        status = 422 if isinstance(exc, UsageError) else 503 if isinstance(exc, StoreError) else 500
        return JSONResponse({"error": exc.line(), "code": exc.code}, status_code=status)

    @app.exception_handler(Exception)
    async def _bug(_req: Request, exc: Exception):
        return JSONResponse({"error": describe_bug(exc), "code": "EA999"}, status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg')}")
        return JSONResponse({"error": "; ".join(parts)}, status_code=422)

    @app.get("/api/events", summary="Events matching the filters, newest first, a page at a time")
    def events(flt: EventFilter = Depends(event_filter), limit: int = Query(100, ge=1, le=MAX_PAGE),
               cursor: str | None = Query(None, max_length=MAX_CURSOR)) -> dict[str, Any]:
        try:
            with store.time_limit(budget):
                rows, next_cursor = store.query_events(flt, limit=limit, cursor=cursor or None)
        except FilterError as exc:
            raise ApiError(422, str(exc)) from None
        return {"events": rows, "next_cursor": next_cursor}

    @app.get("/api/events/{event_id}", summary="One event with every report of its incident and their figures")
    def event(event_id: str = PathParam(max_length=MAX_ID)) -> dict[str, Any]:
        with store.time_limit(budget):
            found = store.get_event(event_id)
            if found is None:
                raise ApiError(404, f"event {event_id!r}: not found")
            return event_detail(store, found)

    @app.get("/api/incidents", summary="Incidents matching the filters (on each incident's own type, place, dates "
             "and actors; q: words in any of its reports), newest first, a page at a time")
    def incidents(flt: EventFilter = Depends(event_filter), limit: int = Query(100, ge=1, le=MAX_PAGE),
                  cursor: str | None = Query(None, max_length=MAX_CURSOR)) -> dict[str, Any]:
        try:
            with store.time_limit(budget):
                rows, next_cursor = store.query_incidents(flt, limit=limit, cursor=cursor or None)
        except FilterError as exc:
            raise ApiError(422, str(exc)) from None
        return {"incidents": rows, "next_cursor": next_cursor}

    @app.get("/api/incidents/{incident_id}", summary="One incident: its record, every report with its sentence "
             "and paragraph, and the figures of every source side by side")
    def incident(incident_id: str = PathParam(max_length=MAX_ID)) -> dict[str, Any]:
        with store.time_limit(budget):
            found = store.get_incident(incident_id)
            if found is None:
                raise ApiError(404, f"incident {incident_id!r}: not found")
            return incident_detail(store, found)

    @app.get("/api/documents/{doc_id}", summary="One article: its text and everything found in it")
    def document(doc_id: str = PathParam(max_length=MAX_ID)) -> dict[str, Any]:
        with store.time_limit(budget):
            found = store.get_document(doc_id)
        if found is None:
            raise ApiError(404, f"document {doc_id!r}: not found")
        return found

    @app.get("/api/stats", summary="How many events, by type, country and day (filters as /api/events)")
    def stats(flt: EventFilter = Depends(event_filter)) -> dict[str, Any]:
        with store.time_limit(budget):
            return store.stats(flt)

    @app.get("/api/control", summary="Who held which place when: control periods with their evidence and sources")
    def control(place: str | None = Query(None, description="a place by name (any spelling the articles or the "
                                                            "gazetteer use)"),
                key: str | None = Query(None, description="a place key, as periods carry it (town:211069)"),
                near: str | None = Query(None, description="lat,lon,km"),
                country: str | None = Query(None, description="ISO 3166 alpha-2 code"),
                at: str | None = Query(None, description="YYYY-MM-DD: the periods in force that day "
                                                         "(without it, every period)"),
                format: str = Query("json", description="json, or geojson (one Point feature per period)"),
                limit: int = Query(1000, ge=1, le=10_000)):
        from eventatlas.export.control import control_geojson
        from eventatlas.store import ControlFilter

        if format not in ("json", "geojson"):
            raise ApiError(422, f"format={format!r}: not one of json, geojson")
        try:
            flt = ControlFilter.from_params({"place": place, "key": key, "near": near, "country": country,
                                             "at": at})
        except FilterError as exc:
            raise ApiError(422, str(exc)) from None
        with store.time_limit(budget):
            # a layer of points needs no sentences: GeoJSON carries each period's evidence count only
            periods = store.control_periods(flt, limit=limit, evidence=format != "geojson")
        if format == "geojson":
            return JSONResponse(control_geojson(periods, flt.at), media_type="application/geo+json")
        return {"periods": periods, "at": flt.at}

    @app.get("/api/export", summary="Download matching events as acled, ucdp, geojson, jsonl or parquet, one row "
             "per report or per incident")
    def export(format: str = Query(..., description=", ".join(FORMATS), max_length=20),
               level: str | None = Query(None, max_length=20, description="report or incident (default: incident "
                                                                          "for ucdp, report for the others)"),
               flt: EventFilter = Depends(event_filter)):
        if format not in FORMATS:
            raise ApiError(422, f"format={format!r}: not one of {', '.join(FORMATS)}")
        if level is not None and level not in LEVELS:
            raise ApiError(422, f"level={level!r}: not one of {', '.join(LEVELS)}")
        suffix, media_type = FORMATS[format]
        # A temporary file rather than a stream: Parquet needs a seekable sink, and a failure halfway
        # becomes a clean error instead of a truncated download.
        fd, tmp = tempfile.mkstemp(prefix="eventatlas-export-", suffix=suffix)
        os.close(fd)
        try:
            with store.time_limit(budget * 12):  # a download reads every match: a minute by default
                write_export(store, format, flt, tmp, level=level)
        except BaseException:
            os.unlink(tmp)
            raise
        name = f"eventatlas-{format}{suffix}" if format in ("acled", "ucdp") else f"eventatlas{suffix}"
        return FileResponse(tmp, media_type=media_type, filename=name, background=BackgroundTask(os.unlink, tmp))

    _mount_docs(app)
    _mount_static(app)
    return app


def _mount_docs(app: FastAPI) -> None:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        swagger_ui_path = None
    if swagger_ui_path:
        app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger_ui_path:
            return get_swagger_ui_html(openapi_url="/openapi.json", title="eventatlas API",
                                       swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                       swagger_css_url="/docs-assets/swagger-ui.css",
                                       swagger_favicon_url="/docs-assets/favicon-32x32.png",
                                       # the default validator badge would call validator.swagger.io
                                       swagger_ui_parameters={"validatorUrl": None})
        return HTMLResponse(_plain_docs(app.openapi()))


def _plain_docs(spec: dict[str, Any]) -> str:
    """Without Swagger UI at hand, still list every endpoint and parameter, with no outside assets."""
    out = [f"<!doctype html><meta charset=utf-8><title>{html.escape(spec['info']['title'])} API</title>",
           f"<h1>{html.escape(spec['info']['title'])} API {html.escape(spec['info']['version'])}</h1>",
           "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a></p>"]
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            out.append(f"<h2>{method.upper()} {html.escape(path)}</h2><p>{html.escape(op.get('summary', ''))}</p>")
            params = op.get("parameters") or []
            if params:
                out.append("<ul>" + "".join(
                    f"<li><code>{html.escape(p['name'])}</code> ({p['in']}) "
                    f"{html.escape(p.get('description', ''))}</li>" for p in params) + "</ul>")
    return "\n".join(out)


def _mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        page = STATIC_DIR / "index.html"
        if not page.is_file():
            raise ApiError(404, "the web page is not installed (eventatlas/serve/static/index.html)")
        return FileResponse(page, media_type="text/html")


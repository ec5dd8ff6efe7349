"""A protocol-level Streamlit viewer: what the browser does on /_stcore/stream, without rendering.

The frontend opens a websocket with subprotocols ["streamlit", <xsrf or PLACEHOLDER_AUTH_TOKEN>], sends a
BackMsg `rerun_script` carrying its ClientState (query string, page url path as `page_name`, widget
states), and the script has run when a ForwardMsg `script_finished` arrives.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class View:
    """One page view: seconds to script_finished, bytes and messages received, errors seen."""

    seconds: float | None = None
    bytes_received: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)


def rerun_message(page: str = "", query_string: str = "") -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    msg.rerun_script.page_name = page
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.context_info.timezone = "UTC"
    msg.rerun_script.context_info.locale = "en-GB"
    msg.rerun_script.context_info.url = ""
    return msg.SerializeToString()


async def page_view(
    url: str, page: str = "", query_string: str = "", timeout: float = 120.0, hold=None, arrived=None
) -> View:
    """Connect, ask for a run of `page`, wait for script_finished; `hold` (an asyncio.Event) keeps the
    session open afterwards until it is set, so many sessions can be alive at once; `arrived` (a list)
    gets the view as soon as its script has finished."""
    view = View()
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    start = time.perf_counter()
    try:
        async with connect(
            ws_url, subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"], max_size=None, open_timeout=timeout
        ) as ws:
            await ws.send(rerun_message(page, query_string))
            async with asyncio.timeout(timeout):
                async for data in ws:
                    view.bytes_received += len(data)
                    view.messages += 1
                    msg = ForwardMsg()
                    msg.ParseFromString(data)
                    kind = msg.WhichOneof("type")
                    if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
                        view.errors.append(msg.delta.new_element.exception.message[:200])
                    if kind == "script_finished":
                        if msg.script_finished in FINISHED:
                            view.seconds = time.perf_counter() - start
                            break
                        if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            view.errors.append("compile error")
                            break
            if arrived is not None:
                arrived.append(view)
            if hold is not None:
                await hold.wait()
    except Exception as err:  # noqa: BLE001 - every failure is a counted error
        view.errors.append(f"{type(err).__name__}: {err}"[:200])
        if arrived is not None and view not in arrived:
            arrived.append(view)
    return view


def one_view(url: str, page: str = "", query_string: str = "", timeout: float = 120.0) -> View:
    """One page view from a thread of its own (callable while Playwright's sync API holds this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, page_view(url, page, query_string, timeout)).result()

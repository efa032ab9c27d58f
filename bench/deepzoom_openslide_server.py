"""The peer for the tile load test: OpenSlide's DeepZoomGenerator behind Python's threading HTTP server, laid out as
OpenSlide's own deepzoom example server lays it out (tile 254, overlap 1, JPEG quality 85), with an in-memory cache
of encoded tiles so that, like LiverCast's, cached tiles are served without decoding.

Usage: deepzoom_openslide_server.py SLIDE PORT   (serves /slide_files/LEVEL/COL_ROW.jpeg; prints 'ready' when up)
"""
import io
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openslide
from openslide.deepzoom import DeepZoomGenerator

slide = openslide.OpenSlide(sys.argv[1])
dz = DeepZoomGenerator(slide, tile_size=254, overlap=1, limit_bounds=False)
cache = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        try:
            level = int(parts[1])
            col, row = (int(v) for v in parts[2].split(".")[0].split("_"))
        except (IndexError, ValueError):
            self.send_error(404)
            return
        key = (level, col, row)
        with lock:
            body = cache.get(key)
        if body is None:
            buf = io.BytesIO()
            with lock:  # one OpenSlide handle, as the example server
                dz.get_tile(level, (col, row)).save(buf, "jpeg", quality=85)
            body = buf.getvalue()
            with lock:
                cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler)
print("ready", flush=True)
server.serve_forever()

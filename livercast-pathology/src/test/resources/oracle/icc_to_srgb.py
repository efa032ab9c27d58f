"""Little CMS through Pillow (ImageCms), the peer of LiverCast's ICC conversion: converts raw RGB bytes (args: raw file,
width, height, ICC profile file) from the profile's colour space to sRGB, relative-colorimetric (the intent LiverCast
uses), and writes the result over the raw file."""
import io
import sys

from PIL import Image, ImageCms

raw, w, h, icc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
img = Image.frombytes("RGB", (w, h), open(raw, "rb").read())
src = ImageCms.ImageCmsProfile(io.BytesIO(open(icc, "rb").read()))
dst = ImageCms.createProfile("sRGB")
out = ImageCms.profileToProfile(img, src, dst, renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, outputMode="RGB")
open(raw, "wb").write(out.tobytes())

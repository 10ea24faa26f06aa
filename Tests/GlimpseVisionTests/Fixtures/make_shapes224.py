# Makes the test image and its reference outputs from Python's onnxruntime.
import numpy as np, onnxruntime as ort
from PIL import Image, ImageDraw
im = Image.new("RGB", (224, 224), (250, 245, 230))
d = ImageDraw.Draw(im)
d.ellipse((40, 30, 180, 170), fill=(220, 40, 40), outline=(20, 20, 20), width=4)   # a red ball
d.rectangle((100, 150, 210, 210), fill=(40, 90, 200))                             # a blue box
d.polygon([(10, 210), (60, 120), (110, 210)], fill=(40, 160, 60))                 # a green triangle
d.line((0, 0, 223, 223), fill=(0, 0, 0), width=3)
out = "/work/wt-vision/Tests/GlimpseVisionTests/Fixtures/"
im.save(out + "shapes224.png", optimize=True)
x = np.asarray(Image.open(out + "shapes224.png").convert("RGB"), dtype=np.float32)
x = ((x / 255 - 127 / 255) / (128 / 255)).transpose(2, 0, 1)[None].astype(np.float32)
s = ort.InferenceSession("/work/wt-vision/models/efficientnet_lite0.onnx", providers=["CPUExecutionProvider"])
f, l = s.run(["features", "logits"], {"image": x})
np.save(out + "shapes224.features.npy", f.astype("<f4"))
np.save(out + "shapes224.logits.npy", l.astype("<f4"))
print(f.shape, l.shape, f[0, :4], l.argmax())

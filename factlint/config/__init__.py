"""Configuration: factlint.yaml / .factlint.yaml / [tool.factlint], discovery and extend."""

from factlint.config.loader import CONFIG_NAMES, find_config, load_config, start_folder
from factlint.config.model import Config, ConfigFile, PathIgnore, normalize_selector, parse_selectors

__all__ = ["CONFIG_NAMES", "Config", "ConfigFile", "PathIgnore", "find_config", "load_config",
           "normalize_selector", "parse_selectors", "start_folder"]

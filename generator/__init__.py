"""Tilbudskatalog: offers as YAML files, validated and compiled into a searchable MkDocs site."""

"""Package data: material files (``materials/*.toml``) and the bibliography (``references/*.bib``)."""

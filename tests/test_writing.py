from generator.writing import write_pages


def test_write_pages_only_touches_changed_files_and_removes_orphans(tmp_path):
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B"}) == ["a.md", "sub/b.md"]
    before = (tmp_path / "a.md").stat().st_mtime_ns
    (tmp_path / "orphan.md").write_text("old")
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B2"}) == ["sub/b.md", "orphan.md"]
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert not (tmp_path / "orphan.md").exists()
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B2"}) == []
    assert write_pages(tmp_path, {"a.md": "A"}) == ["sub/b.md"]
    assert not (tmp_path / "sub").exists()

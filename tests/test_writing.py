from generator.writing import write_pages, written_pages


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


def test_written_pages_are_read_once_and_a_file_that_is_not_text_is_replaced(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/b.md").write_text("B", encoding="utf-8")
    (tmp_path / "a.md").write_bytes(b"\xff\xfe broken")
    (tmp_path / "stray.bin").write_bytes(b"\x80")
    written = written_pages(tmp_path)
    assert written == {"a.md": None, "sub/b.md": "B", "stray.bin": None}
    assert written_pages(tmp_path / "missing") == {}
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B"}, written) == ["a.md", "stray.bin"]
    assert written_pages(tmp_path) == {"a.md": "A", "sub/b.md": "B"}

-- Audit row for an accepted file; returns its id.
insert into imports (kind, file_name, sha256, rows, years, imported_by, illustrative, stored_path)
values ($kind, $file_name, $sha256, $rows, $years, $imported_by, $illustrative, $stored_path)
returning id;

-- One new row of the store's history, written into the snapshot it describes.
insert into snapshots (id, parent, made_at, made_by, action, files, summary, reference_sha256)
values ($id, $parent, $made_at, $made_by, $action, $files, $summary, $reference_sha256);

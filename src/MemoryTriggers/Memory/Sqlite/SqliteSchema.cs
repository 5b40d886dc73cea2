using MemoryTriggers.Internal;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// The versioned schema: each migration runs once, in order, recorded in <c>schema_version</c>.
/// Migration 2 adds encryption at rest: the sealed (AES-256-GCM) content and metadata columns and
/// the one-row <c>encryption</c> table saying whether the store is encrypted and with which key.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE memories (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            content TEXT NOT NULL,
            tags_json TEXT NOT NULL,
            tags_text TEXT NOT NULL,
            category TEXT,
            category_lower TEXT,
            metadata_json TEXT NOT NULL,
            quality REAL,
            user_id TEXT,
            agent_id TEXT,
            run_id TEXT,
            source_rule TEXT,
            content_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            expires_at INTEGER,
            archived INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX memories_hash ON memories (content_hash, created_at);
        CREATE INDEX memories_user ON memories (user_id);
        CREATE INDEX memories_agent ON memories (agent_id);
        CREATE INDEX memories_run ON memories (run_id);
        CREATE INDEX memories_category ON memories (category_lower);
        CREATE INDEX memories_quality ON memories (quality);
        CREATE INDEX memories_updated ON memories (updated_at);
        CREATE INDEX memories_expires ON memories (expires_at);
        CREATE TABLE tags (
            memory_seq INTEGER NOT NULL,
            position INTEGER NOT NULL,
            tag TEXT NOT NULL,
            tag_lower TEXT NOT NULL,
            PRIMARY KEY (memory_seq, tag_lower)) WITHOUT ROWID;
        CREATE INDEX tags_by_tag ON tags (tag_lower, memory_seq);
        CREATE TABLE metadata (
            memory_seq INTEGER NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            text_value TEXT,
            num_value REAL,
            PRIMARY KEY (memory_seq, key)) WITHOUT ROWID;
        CREATE INDEX metadata_text ON metadata (key, text_value);
        CREATE INDEX metadata_num ON metadata (key, num_value);
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            memory_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            at INTEGER NOT NULL,
            detail TEXT);
        CREATE INDEX history_memory ON history (memory_id, seq);
        CREATE VIRTUAL TABLE memories_fts USING fts5 (
            content, tags_text, content='memories', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
            INSERT INTO memories_fts (rowid, content, tags_text) VALUES (new.seq, new.content, new.tags_text);
        END;
        CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
            INSERT INTO memories_fts (memories_fts, rowid, content, tags_text) VALUES ('delete', old.seq, old.content, old.tags_text);
        END;
        CREATE TRIGGER memories_fts_update AFTER UPDATE OF content, tags_text ON memories
        WHEN old.content IS NOT new.content OR old.tags_text IS NOT new.tags_text BEGIN
            INSERT INTO memories_fts (memories_fts, rowid, content, tags_text) VALUES ('delete', old.seq, old.content, old.tags_text);
            INSERT INTO memories_fts (rowid, content, tags_text) VALUES (new.seq, new.content, new.tags_text);
        END;
        """,
        """
        ALTER TABLE memories ADD COLUMN sealed_content BLOB;
        ALTER TABLE memories ADD COLUMN sealed_metadata BLOB;
        CREATE TABLE encryption (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            encrypted INTEGER NOT NULL,
            algorithm TEXT,
            key_id TEXT,
            key_check TEXT,
            enabled_at INTEGER);
        INSERT INTO encryption (id, encrypted) VALUES (1, 0);
        """,

        // 3: rev orders memories by their last write, and the full-text index is keyed by it, so a
        // recall can read matches newest first straight from the index and stop at its limit.
        """
        ALTER TABLE memories ADD COLUMN rev INTEGER;
        UPDATE memories SET rev = o.r
            FROM (SELECT seq, row_number() OVER (ORDER BY updated_at, seq) AS r FROM memories) AS o
            WHERE o.seq = memories.seq;
        CREATE UNIQUE INDEX memories_rev ON memories (rev);
        DROP TRIGGER memories_fts_insert;
        DROP TRIGGER memories_fts_delete;
        DROP TRIGGER memories_fts_update;
        DROP TABLE memories_fts;
        CREATE VIRTUAL TABLE memories_fts USING fts5 (
            content, tags_text, content='memories', content_rowid='rev', tokenize='unicode61 remove_diacritics 2');
        INSERT INTO memories_fts (memories_fts) VALUES ('rebuild');
        CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
            INSERT INTO memories_fts (rowid, content, tags_text) VALUES (new.rev, new.content, new.tags_text);
        END;
        CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
            INSERT INTO memories_fts (memories_fts, rowid, content, tags_text) VALUES ('delete', old.rev, old.content, old.tags_text);
        END;
        CREATE TRIGGER memories_fts_update AFTER UPDATE OF rev, content, tags_text ON memories
        WHEN old.rev IS NOT new.rev OR old.content IS NOT new.content OR old.tags_text IS NOT new.tags_text BEGIN
            INSERT INTO memories_fts (memories_fts, rowid, content, tags_text) VALUES ('delete', old.rev, old.content, old.tags_text);
            INSERT INTO memories_fts (rowid, content, tags_text) VALUES (new.rev, new.content, new.tags_text);
        END;
        """,

        // 4: indexes that cost every write more than they save: recall without words orders by rev,
        // and quality and expiry are tested on rows already found by other means.
        """
        DROP INDEX IF EXISTS memories_updated;
        DROP INDEX IF EXISTS memories_quality;
        DROP INDEX IF EXISTS memories_expires;
        """,

        // 5: the search index moves out of SQL (see SqliteSearchIndex): a contentless FTS5 table the
        // store writes itself, filters as terms of its scope column instead of the tag and metadata
        // tables and the id and category indexes, and the vocabulary query words expand against.
        // The store refills the index in the same transaction (SearchIndexVersion).
        """
        DROP TRIGGER IF EXISTS memories_fts_insert;
        DROP TRIGGER IF EXISTS memories_fts_delete;
        DROP TRIGGER IF EXISTS memories_fts_update;
        DROP TABLE memories_fts;
        DROP TABLE tags;
        DROP TABLE metadata;
        DROP INDEX IF EXISTS memories_user;
        DROP INDEX IF EXISTS memories_agent;
        DROP INDEX IF EXISTS memories_run;
        DROP INDEX IF EXISTS memories_category;
        ALTER TABLE memories DROP COLUMN tags_text;
        UPDATE memories SET content = '' WHERE sealed_content IS NOT NULL;
        CREATE VIRTUAL TABLE memories_fts USING fts5 (words, scope, content='', contentless_delete=1, tokenize='ascii');
        CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID;
        """,

        // 6: a live memory's creation is read from its row (a history row per create cost a tenth of
        // the create); deleting a memory records its creation with the deletion.
        """
        DELETE FROM history WHERE kind = 'Created' AND memory_id IN (SELECT id FROM memories);
        """,
    ];

    /// <summary>The SQL of one migration (1-based), for tests that build files of older versions.</summary>
    internal static string MigrationSql(int version) => Migrations[version - 1];

    /// <summary>Gets the migration after which the store must refill its search index.</summary>
    public const int SearchIndexVersion = 5;

    /// <summary>Gets the version a fully migrated database has.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Applies the migrations the database lacks, all in one immediate transaction so two processes
    /// cannot race; <paramref name="rebuildSearchIndex"/> runs in it right after <see cref="SearchIndexVersion"/>.
    /// </summary>
    public static void Migrate(SqliteConnection connection, long nowTicks, Action<SqliteStatements> rebuildSearchIndex) =>
        SqliteMigrator.Apply(
            connection,
            "schema_version",
            Migrations,
            nowTicks,
            current => new InvalidOperationException($"The memory database has schema version {current}, newer than this program's {LatestVersion}."),
            (version, transaction) =>
            {
                if (version == SearchIndexVersion)
                {
                    using var statements = new SqliteStatements(connection, transaction);
                    rebuildSearchIndex(statements);
                }
            });
}

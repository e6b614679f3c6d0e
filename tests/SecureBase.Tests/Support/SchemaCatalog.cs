using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>A database's tables, columns (name, type, nullability) and unique indexes, from its catalog or from the EF model.</summary>
public sealed record SchemaCatalog(Dictionary<string, List<string>> Tables, List<string> UniqueIndexes)
{
    public static SchemaCatalog FromModel(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<SecureBaseDb>();
        DatabaseSetup.Configure(options, provider, provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:");
        using var db = new SecureBaseDb(options.Options, new SchoolContext(), new AuditKey(new byte[32]));
        var model = db.Model.GetRelationalModel();
        var tables = model.Tables.ToDictionary(
            t => t.Name,
            t => t.Columns.Select(c => Column(c.Name, c.StoreType, c.IsNullable)).Order(StringComparer.Ordinal).ToList());
        var unique = model.Tables.SelectMany(t => t.Indexes.Where(i => i.IsUnique).Select(i => $"{t.Name}({string.Join(",", i.Columns.Select(c => c.Name))})")).ToList();
        return new SchemaCatalog(tables, unique);
    }

    public static async Task<SchemaCatalog> ReadAsync(TestDatabase db)
    {
        var tables = new Dictionary<string, List<string>>();
        var unique = new List<string>();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            foreach (var r in await RawSql.RowsAsync(db,
                         "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"))
            {
                var type = r[2] == "character varying" && r[3].Length > 0 ? $"character varying({r[3]})" : r[2];
                Add(tables, r[0], Column(r[1], type, r[4] == "YES"));
            }

            foreach (var r in await RawSql.RowsAsync(db, @"
                SELECT t.relname, string_agg(a.attname, ',' ORDER BY k.ord)
                FROM pg_index i
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_class ix ON ix.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                WHERE n.nspname = 'public' AND i.indisunique AND NOT i.indisprimary AND t.relname <> 'schema_migrations'
                GROUP BY t.relname, ix.relname"))
            {
                unique.Add($"{r[0]}({r[1]})");
            }
        }
        else
        {
            var names = (await RawSql.RowsAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")).Select(r => r[0]).ToList();
            foreach (var table in names)
            {
                foreach (var r in await RawSql.RowsAsync(db, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"))
                {
                    Add(tables, table, Column(r[0], r[1], r[2] == "0" && r[3] == "0"));
                }

                foreach (var ix in await RawSql.RowsAsync(db, $"SELECT name FROM pragma_index_list('{table}') WHERE \"unique\" = 1 AND origin = 'c'"))
                {
                    var cols = (await RawSql.RowsAsync(db, $"SELECT name FROM pragma_index_info('{ix[0]}') ORDER BY seqno")).Select(c => c[0]);
                    unique.Add($"{table}({string.Join(",", cols)})");
                }
            }
        }

        foreach (var list in tables.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        return new SchemaCatalog(tables, unique);
    }

    private static string Column(string name, string type, bool nullable) => $"{name} {type.ToLowerInvariant()}{(nullable ? " null" : " not null")}";

    private static void Add(Dictionary<string, List<string>> tables, string table, string column)
    {
        if (!tables.TryGetValue(table, out var list))
        {
            tables[table] = list = [];
        }

        list.Add(column);
    }
}

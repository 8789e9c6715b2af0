using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LinkKit.Flash
{
    /// <summary>One identity of the console's CSV export, with the spreadsheet row it came from.</summary>
    public sealed class CsvIdentity
    {
        public CsvIdentity(int row, string productKey, string deviceName, string deviceSecret)
        {
            Row = row;
            ProductKey = productKey;
            DeviceName = deviceName;
            DeviceSecret = deviceSecret;
        }

        /// <summary>The row as a spreadsheet numbers it: the file's first record is row 1 (the header, if any).</summary>
        public int Row { get; }
        public string ProductKey { get; }
        public string DeviceName { get; }
        public string DeviceSecret { get; }

        /// <summary>Never the secret.</summary>
        public override string ToString()
        {
            return ProductKey + "/" + DeviceName;
        }
    }

    /// <summary>A CSV (or a ledger conflict) refused as a whole; every message names the file, the row and the field.</summary>
    public sealed class BatchRefusedException : Exception
    {
        /// <summary>At most this many errors are listed; the rest are counted.</summary>
        public const int MaxErrorsListed = 20;

        public BatchRefusedException(IReadOnlyList<string> errors) : base(errors.Count == 1 ? errors[0] : errors.Count + " errors")
        {
            if (errors.Count > MaxErrorsListed)
            {
                int more = errors.Count - MaxErrorsListed;
                var listed = new List<string>(errors).GetRange(0, MaxErrorsListed);
                listed.Add("... and " + more + " more " + (more == 1 ? "error" : "errors"));
                errors = listed;
            }

            Errors = errors;
        }

        public IReadOnlyList<string> Errors { get; }
    }

    /// <summary>
    /// Reads the console's batch export: one identity per record as <c>ProductKey,DeviceName,DeviceSecret</c>, with
    /// or without a header row naming those columns (in any order), with or without a UTF-8 byte-order mark, CRLF or
    /// LF line ends, fields optionally in double quotes (RFC 4180: <c>""</c> is a quote, a quoted field may hold a
    /// comma or a line break). Records whose fields are all empty (a blank line, <c>,,</c>) are skipped but still
    /// counted, so row numbers match what a spreadsheet shows. Every row is checked with <see cref="IdentityRules"/>
    /// before anything is used; any error refuses the whole file.
    /// </summary>
    public static class IdentityCsv
    {
        public static readonly string[] Columns = { "ProductKey", "DeviceName", "DeviceSecret" };

        /// <exception cref="BatchRefusedException">Any row or field is wrong, or the file holds no identity.</exception>
        public static List<CsvIdentity> Read(string path)
        {
            return Parse(File.ReadAllBytes(path), path);
        }

        /// <param name="name">How messages name the file (the path as the operator gave it).</param>
        /// <exception cref="BatchRefusedException">Any row or field is wrong, or the file holds no identity.</exception>
        public static List<CsvIdentity> Parse(byte[] bytes, string name)
        {
            string text = Decode(bytes, name);
            var errors = new List<string>();
            var records = SplitRecords(text, name, errors);
            if (errors.Count > 0) throw new BatchRefusedException(errors);

            // The header: the first non-blank record, if its fields are the three column names (any order, any case).
            int[] order = { 0, 1, 2 };
            int first = records.FindIndex(r => !IsBlank(r.Fields));
            if (first >= 0 && HeaderOrder(records[first].Fields) is int[] headerOrder)
            {
                order = headerOrder;
                records.RemoveAt(first);
            }

            var identities = new List<CsvIdentity>();
            var seen = new Dictionary<(string, string), int>();
            foreach (Record record in records)
            {
                if (IsBlank(record.Fields)) continue;
                string at = name + " row " + record.Row + ": ";
                if (HeaderOrder(record.Fields) != null)
                {
                    errors.Add(at + "a second header row (files joined together?)");
                    continue;
                }

                if (record.Fields.Count != Columns.Length)
                {
                    errors.Add(at + record.Fields.Count + (record.Fields.Count == 1 ? " field" : " fields") + ", expected 3 (ProductKey,DeviceName,DeviceSecret)");
                    continue;
                }

                string pk = record.Fields[order[0]], dn = record.Fields[order[1]], secret = record.Fields[order[2]];
                int before = errors.Count;
                Check(errors, at, "ProductKey", pk, IdentityRules.ProductKeyProblem);
                Check(errors, at, "DeviceName", dn, IdentityRules.DeviceNameProblem);
                Check(errors, at, "DeviceSecret", secret, IdentityRules.DeviceSecretProblem);
                if (errors.Count > before) continue;

                if (seen.TryGetValue((pk, dn), out int earlier))
                {
                    errors.Add(at + "DeviceName repeats row " + earlier + " (the same ProductKey and DeviceName)");
                    continue;
                }

                seen[(pk, dn)] = record.Row;
                identities.Add(new CsvIdentity(record.Row, pk, dn, secret));
            }

            if (errors.Count == 0 && identities.Count == 0) errors.Add(name + " holds no identities");
            if (errors.Count > 0) throw new BatchRefusedException(errors);
            return identities;
        }

        private static void Check(List<string> errors, string at, string field, string value, Func<string, string> rule)
        {
            string problem = value.Length == 0 ? "is empty" : rule(value);
            if (problem != null) errors.Add(at + field + " " + problem);
        }

        private static string Decode(byte[] bytes, string name)
        {
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
                throw new BatchRefusedException(new[] { name + " is UTF-16 text; save it as CSV (UTF-8)" });
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException)
            {
                throw new BatchRefusedException(new[] { name + " is not UTF-8 text" });
            }
        }

        private static int[] HeaderOrder(List<string> fields)
        {
            if (fields.Count != Columns.Length) return null;
            var order = new int[Columns.Length];
            for (int c = 0; c < Columns.Length; c++)
            {
                order[c] = fields.FindIndex(f => string.Equals(f.Trim(), Columns[c], StringComparison.OrdinalIgnoreCase));
                if (order[c] < 0) return null;
            }

            return order;
        }

        private static bool IsBlank(List<string> fields)
        {
            return fields.TrueForAll(f => f.Length == 0);
        }

        private sealed class Record
        {
            public int Row;
            public readonly List<string> Fields = new List<string>();
        }

        /// <summary>RFC 4180 records. A line end is CRLF, LF or a lone CR; inside quotes it is part of the field.</summary>
        private static List<Record> SplitRecords(string text, string name, List<string> errors)
        {
            var records = new List<Record>();
            if (text.Length == 0) return records;
            var field = new StringBuilder();
            var record = new Record { Row = 1 };
            int i = 0;
            while (true)
            {
                // At the start of a field.
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    int openedAt = record.Row;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            errors.Add(name + " row " + openedAt + ": a quoted field is not closed");
                            return records;
                        }

                        char c = text[i++];
                        if (c != '"')
                        {
                            field.Append(c);
                            continue;
                        }

                        if (i < text.Length && text[i] == '"')
                        {
                            field.Append('"');
                            i++;
                            continue;
                        }

                        break;   // the closing quote
                    }

                    if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    {
                        errors.Add(name + " row " + record.Row + ": text after a closing quote");
                        return records;
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    {
                        if (text[i] == '"')
                        {
                            errors.Add(name + " row " + record.Row + ": a quote inside an unquoted field");
                            return records;
                        }

                        field.Append(text[i++]);
                    }
                }

                record.Fields.Add(field.ToString());
                if (i >= text.Length)
                {
                    records.Add(record);
                    return records;
                }

                if (text[i] == ',')
                {
                    i++;
                    continue;
                }

                // A line end.
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                records.Add(record);
                if (i >= text.Length) return records;   // the last line's break
                record = new Record { Row = record.Row + 1 };
            }
        }
    }
}

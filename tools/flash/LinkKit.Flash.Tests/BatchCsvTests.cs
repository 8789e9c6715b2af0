using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace LinkKit.Flash.Tests
{
    /// <summary>provision-batch: the console's CSV, every variant it comes in, and the exact refusal of a bad one.</summary>
    public sealed class BatchCsvTests : IDisposable
    {
        private const string S1 = "9f3c1e7a5b2d4c6e8f0a1b3c5d7e9f1a";
        private const string S2 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        private const string S3 = "ffeeddccbbaa99887766554433221100";

        private readonly string _work = Path.Combine(Path.GetTempPath(), "linkkit-csv-" + Guid.NewGuid().ToString("N"));
        private readonly string _csv;
        private readonly string _ledger;

        public BatchCsvTests()
        {
            Directory.CreateDirectory(_work);
            _csv = Path.Combine(_work, "batch.csv");
            _ledger = Path.Combine(_work, "ledger.db");
        }

        public void Dispose()
        {
            Directory.Delete(_work, true);
        }

        public static IEnumerable<object[]> Accepted()
        {
            string rows = "a1SampleKey,dev-0001," + S1 + "\na1SampleKey,dev-0002," + S2 + "\na1SampleKey,dev_3.x@y:z," + S3;
            yield return new object[] { "LF, no header, no final line break", rows };
            yield return new object[] { "LF with final line break", rows + "\n" };
            yield return new object[] { "CRLF", rows.Replace("\n", "\r\n") + "\r\n" };
            yield return new object[] { "header", "ProductKey,DeviceName,DeviceSecret\n" + rows + "\n" };
            yield return new object[] { "BOM, header, CRLF", "\uFEFFProductKey,DeviceName,DeviceSecret\r\n" + rows.Replace("\n", "\r\n") + "\r\n" };
            yield return new object[] { "BOM, no header", "\uFEFF" + rows };
            yield return new object[] { "header in another order and case, columns follow it",
                " devicesecret ,DEVICENAME,productKey\n" + S1 + ",dev-0001,a1SampleKey\n" + S2 + ",dev-0002,a1SampleKey\n" + S3 + ",dev_3.x@y:z,a1SampleKey\n" };
            yield return new object[] { "every field quoted", "\"ProductKey\",\"DeviceName\",\"DeviceSecret\"\r\n" +
                string.Join("\r\n", rows.Split('\n').Select(r => "\"" + r.Replace(",", "\",\"") + "\"")) + "\r\n" };
            yield return new object[] { "blank lines and empty rows skipped", "\n" + rows.Replace("\n", "\n\n,,\n") + "\n\n\n" };
            yield return new object[] { "a lone CR as line end", rows.Replace("\n", "\r") + "\r" };
        }

        [Theory]
        [MemberData(nameof(Accepted))]
        public void Console_csv_variants_are_accepted(string variant, string text)
        {
            File.WriteAllBytes(_csv, new UTF8Encoding(false).GetBytes(text));

            Tool.Result r = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger, "--station", "st-1");

            Assert.True(r.ExitCode == 0, variant + ": " + r.Stderr);
            Assert.Equal("imported 3 of 3 identities from " + _csv + " into " + _ledger + " (0 already there)\n3 identities: 3 free, 0 assigned, 0 done\n", r.Stdout);
            Assert.Equal("", r.Stderr);
            var ids = IdentityCsv.Read(_csv);
            Assert.Equal(new[] { "a1SampleKey/dev-0001", "a1SampleKey/dev-0002", "a1SampleKey/dev_3.x@y:z" }, ids.Select(i => i.ToString()).ToArray());
            Assert.Equal(new[] { S1, S2, S3 }, ids.Select(i => i.DeviceSecret).ToArray());
            Assert.DoesNotContain(S1, r.All);
        }

        [Fact]
        public void Rows_are_numbered_as_a_spreadsheet_shows_them()
        {
            // Header row 1, blank row 3, a quoted field spanning two lines is one row (4).
            string text = "ProductKey,DeviceName,DeviceSecret\na1SampleKey,dev-0001," + S1 + "\n\na1SampleKey,\"dev\n0002\"," + S2 + "\na1SampleKey,dev-0001," + S3 + "\n";
            File.WriteAllText(_csv, text);

            Tool.Result r = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);

            Assert.Equal(2, r.ExitCode);
            Assert.Equal(
                "error: " + _csv + " row 4: DeviceName may hold only letters, digits and - _ . @ :\n" +
                "error: " + _csv + " row 5: DeviceName repeats row 2 (the same ProductKey and DeviceName)\n" +
                "refused the whole file: nothing was written\n", r.Stderr);
        }

        public static IEnumerable<object[]> Refused()
        {
            string ok1 = "a1SampleKey,dev-0001," + S1 + "\n";
            string header = "ProductKey,DeviceName,DeviceSecret\n";
            yield return new object[] { "missing field", header + ok1 + "a1SampleKey,," + S2 + "\n", "row 3: DeviceName is empty" };
            yield return new object[] { "missing product key", ok1 + "," + "dev-0002," + S2 + "\n", "row 2: ProductKey is empty" };
            yield return new object[] { "missing secret", ok1 + "a1SampleKey,dev-0002,\n", "row 2: DeviceSecret is empty" };
            yield return new object[] { "bad name", header + "a1SampleKey,dev 0001," + S1 + "\n", "row 2: DeviceName may hold only letters, digits and - _ . @ :" };
            yield return new object[] { "short name", ok1 + "a1SampleKey,dev," + S2 + "\n", "row 2: DeviceName must be 4-32 characters" };
            yield return new object[] { "long name", ok1 + "a1SampleKey," + new string('d', 33) + "," + S2 + "\n", "row 2: DeviceName must be 4-32 characters" };
            yield return new object[] { "bad product key", "a1/bad,dev-0001," + S1 + "\n", "row 1: ProductKey may hold only letters and digits" };
            yield return new object[] { "long product key", new string('a', 65) + ",dev-0001," + S1 + "\n", "row 1: ProductKey must be 1-64 characters" };
            yield return new object[] { "too-long secret", header + ok1 + "a1SampleKey,dev-0002," + new string('f', 129) + "\n", "row 3: DeviceSecret is longer than 128 characters" };
            yield return new object[] { "secret with a space", ok1 + "a1SampleKey,dev-0002,\"ab cd\"\n", "row 2: DeviceSecret must be one line of printable ASCII without spaces" };
            yield return new object[] { "duplicate device name", header + ok1 + "a1SampleKey,dev-0002," + S2 + "\na1SampleKey,dev-0001," + S3 + "\n",
                "row 4: DeviceName repeats row 2 (the same ProductKey and DeviceName)" };
            yield return new object[] { "empty file", "", "{csv} holds no identities" };
            yield return new object[] { "header only", header, "{csv} holds no identities" };
            yield return new object[] { "BOM and blank lines only", "\uFEFF\r\n\r\n", "{csv} holds no identities" };
            yield return new object[] { "too many columns", header + ok1 + "a1SampleKey,dev-0002," + S2 + ",extra\n", "row 3: 4 fields, expected 3 (ProductKey,DeviceName,DeviceSecret)" };
            yield return new object[] { "too few columns", ok1 + "a1SampleKey,dev-0002\n", "row 2: 2 fields, expected 3 (ProductKey,DeviceName,DeviceSecret)" };
            yield return new object[] { "one column", "a1SampleKey\n", "row 1: 1 field, expected 3 (ProductKey,DeviceName,DeviceSecret)" };
            yield return new object[] { "a header with a fourth column", "ProductKey,DeviceName,DeviceSecret,Note\n" + ok1,
                "row 1: 4 fields, expected 3 (ProductKey,DeviceName,DeviceSecret)" };
            yield return new object[] { "second header row", header + ok1 + header + "a1SampleKey,dev-0002," + S2 + "\n", "row 3: a second header row (files joined together?)" };
            yield return new object[] { "unclosed quote", ok1 + "a1SampleKey,\"dev-0002," + S2 + "\n", "row 2: a quoted field is not closed" };
            yield return new object[] { "quote inside a field", ok1 + "a1SampleKey,dev\"0002," + S2 + "\n", "row 2: a quote inside an unquoted field" };
            yield return new object[] { "text after a closing quote", ok1 + "a1SampleKey,\"dev-0002\"x," + S2 + "\n", "row 2: text after a closing quote" };
        }

        [Theory]
        [MemberData(nameof(Refused))]
        public void A_bad_csv_is_refused_whole_with_an_exact_message_and_nothing_written(string variant, string text, string message)
        {
            File.WriteAllBytes(_csv, new UTF8Encoding(false).GetBytes(text));

            Tool.Result r = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);

            string expected = message.StartsWith("{csv}", StringComparison.Ordinal) ? message.Replace("{csv}", _csv) : _csv + " " + message;
            Assert.True(r.ExitCode == 2, variant);
            Assert.Equal("error: " + expected + "\nrefused the whole file: nothing was written\n", r.Stderr);
            Assert.Equal("", r.Stdout);
            Assert.False(File.Exists(_ledger), variant + ": no ledger may be created");
            foreach (string secret in new[] { S1, S2, S3 }) Assert.DoesNotContain(secret, r.All);
        }

        [Fact]
        public void Every_bad_row_is_listed_up_to_twenty_then_counted()
        {
            var text = new StringBuilder();
            for (int i = 1; i <= 25; i++) text.Append("a1SampleKey,d").Append(i).Append(',').Append(S1).Append('\n');
            File.WriteAllText(_csv, text.ToString());

            Tool.Result r = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);

            Assert.Equal(2, r.ExitCode);
            string[] lines = r.Stderr.TrimEnd('\n').Split('\n');
            Assert.Equal(22, lines.Length);
            Assert.Equal("error: " + _csv + " row 1: DeviceName must be 4-32 characters", lines[0]);
            Assert.Equal("error: " + _csv + " row 9: DeviceName must be 4-32 characters", lines[8]);
            Assert.Equal("error: ... and 5 more errors", lines[20]);
            Assert.Equal("refused the whole file: nothing was written", lines[21]);
        }

        [Fact]
        public void A_secret_in_the_wrong_column_is_never_echoed()
        {
            // No header, columns shifted: the secret lands in the DeviceName column (too long for a name).
            string secret = "Zx9" + new string('q', 40);
            File.WriteAllText(_csv, "a1SampleKey," + secret + ",dev-0001\n");

            Tool.Result r = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("row 1: DeviceName must be 4-32 characters", r.Stderr);
            Assert.DoesNotContain(secret, r.All);
        }

        [Fact]
        public void Utf16_and_non_utf8_files_are_refused()
        {
            File.WriteAllBytes(_csv, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a1SampleKey,dev-0001," + S1)).ToArray());
            Tool.Result utf16 = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);
            Assert.Equal(2, utf16.ExitCode);
            Assert.Equal("error: " + _csv + " is UTF-16 text; save it as CSV (UTF-8)\nrefused the whole file: nothing was written\n", utf16.Stderr);

            File.WriteAllBytes(_csv, Encoding.Latin1.GetBytes("a1SampleKey,dév-0001," + S1));
            Tool.Result latin1 = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);
            Assert.Equal(2, latin1.ExitCode);
            Assert.Equal("error: " + _csv + " is not UTF-8 text\nrefused the whole file: nothing was written\n", latin1.Stderr);
            Assert.False(File.Exists(_ledger));
        }

        [Fact]
        public void Importing_the_same_file_again_changes_nothing_and_a_changed_secret_refuses_the_file()
        {
            File.WriteAllText(_csv, "a1SampleKey,dev-0001," + S1 + "\na1SampleKey,dev-0002," + S2 + "\n");
            Assert.Equal(0, Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger).ExitCode);

            Tool.Result again = Tool.Run("provision-batch", "--csv", _csv, "--ledger", _ledger);
            Assert.Equal(0, again.ExitCode);
            Assert.StartsWith("imported 0 of 2 identities from " + _csv + " into " + _ledger + " (2 already there)\n", again.Stdout);
            byte[] before = File.ReadAllBytes(_ledger);

            // A second file: one new row, one that reuses dev-0002 with another secret: refused whole, dev-0003 not added.
            string second = Path.Combine(_work, "second.csv");
            File.WriteAllText(second, "ProductKey,DeviceName,DeviceSecret\na1SampleKey,dev-0003," + S3 + "\na1SampleKey,dev-0002," + S3 + "\n");
            Tool.Result conflict = Tool.Run("provision-batch", "--csv", second, "--ledger", _ledger);
            Assert.Equal(2, conflict.ExitCode);
            Assert.Equal("error: " + second + " row 3: DeviceName is already in the ledger with a different DeviceSecret (from " + _csv + " row 2)\n" +
                "refused the whole file: nothing was written\n", conflict.Stderr);
            Assert.DoesNotContain(S2, conflict.All);
            Assert.DoesNotContain(S3, conflict.All);
            Assert.Equal(new LedgerCounts(2, 0, 0), Ledger.Open(_ledger).Counts());
            Assert.Equal(before, File.ReadAllBytes(_ledger));
        }

        [Fact]
        public void Bad_arguments_exit_2_with_the_command_usage()
        {
            Tool.Result missing = Tool.Run("provision-batch", "--ledger", _ledger);
            Assert.Equal(2, missing.ExitCode);
            Assert.StartsWith("error: missing --csv\nusage: LinkKit.Flash provision-batch", missing.Stderr);

            Tool.Result noFile = Tool.Run("provision-batch", "--csv", Path.Combine(_work, "none.csv"), "--ledger", _ledger);
            Assert.Equal(2, noFile.ExitCode);
            Assert.StartsWith("error: --csv: no file " + Path.Combine(_work, "none.csv") + "\n", noFile.Stderr);

            File.WriteAllText(_csv, "a1SampleKey,dev-0001," + S1 + "\n");
            Tool.Result noFolder = Tool.Run("provision-batch", "--csv", _csv, "--ledger", Path.Combine(_work, "nowhere", "l.db"));
            Assert.Equal(2, noFolder.ExitCode);
            Assert.StartsWith("error: --ledger: no folder " + Path.Combine(_work, "nowhere") + "\n", noFolder.Stderr);
            Assert.False(File.Exists(_ledger));
        }
    }
}

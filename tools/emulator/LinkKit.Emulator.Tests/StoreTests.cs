using LinkKit.Emulator.Alink;
using LinkKit.Emulator.Registry;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>The store's group-committing writer: a failing write is refused alone; the others in its batch commit.</summary>
public sealed class StoreTests
{
    [Fact]
    public async Task FailingWriteInABatch_OnlyItsCallerSeesTheError()
    {
        string directory = Path.Combine(Path.GetTempPath(), "linkkit-emulator-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using EmulatorStore store = EmulatorStore.Open(Path.Combine(directory, "store.db"));
            await store.CreateProductAsync(new Product("a1StorePK01", "p", "s", null, false, null, 1));
            Device existing = AlinkCloud.NewDevice("a1StorePK01", "dev-dup", "secret", 1);
            await store.RegisterDeviceAsync(existing);

            // Queue many writes at once so they share batches; one of them violates the primary key.
            var writes = new List<Task>();
            for (int i = 0; i < 50; i++)
                writes.Add(store.SavePropertiesAsync("a1StorePK01", "dev-dup", [new PropertyValue("p" + i, i.ToString(), 1000 + i)]));
            Task duplicate = store.RegisterDeviceAsync(existing);
            for (int i = 50; i < 100; i++)
                writes.Add(store.SavePropertiesAsync("a1StorePK01", "dev-dup", [new PropertyValue("p" + i, i.ToString(), 1000 + i)]));

            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => duplicate);
            await Task.WhenAll(writes);
            Assert.Equal(100, store.GetLatestProperties("a1StorePK01", "dev-dup").Count);
            Assert.Equal(100, store.CountPropertyHistory());
        }
        finally
        {
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task LatestValue_KeepsTheNewestTime_HistoryKeepsAll()
    {
        string directory = Path.Combine(Path.GetTempPath(), "linkkit-emulator-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using EmulatorStore store = EmulatorStore.Open(Path.Combine(directory, "store.db"));
            await store.SavePropertiesAsync("pk", "dn", [new PropertyValue("t", "2.0", 2000)]);
            await store.SavePropertiesAsync("pk", "dn", [new PropertyValue("t", "1.0", 1000)]);     // an older value arriving late
            Assert.Equal([new PropertyValue("t", "2.0", 2000)], store.GetLatestProperties("pk", "dn"));
            Assert.Equal(["1.0", "2.0"], store.GetPropertyHistory("pk", "dn", "t", 0, long.MaxValue, 10, true).Select(v => v.ValueJson));
        }
        finally
        {
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task DatabaseFromBeforeTopicClasses_ItsProductsGetTheDefaultClassesOnce()
    {
        string directory = Path.Combine(Path.GetTempPath(), "linkkit-emulator-tests", Guid.NewGuid().ToString("N"));
        string path = Path.Combine(directory, "store.db");
        try
        {
            await using (EmulatorStore store = EmulatorStore.Open(path))
                await store.CreateProductAsync(new Product("a1OldPK0001", "p", "s", null, false, null, 1));
            // What an older emulator left: no topic_classes table, no note that defaults were given.
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path + ";Pooling=False"))
            {
                connection.Open();
                new SqlSession(connection).Execute("DROP TABLE topic_classes; DELETE FROM settings WHERE key='topic_classes'");
            }

            for (int open = 0; open < 2; open++)
            {
                await using EmulatorStore store = EmulatorStore.Open(path);
                Assert.Equal(["update PUB", "update/error PUB", "get SUB"],
                    store.GetProduct("a1OldPK0001")!.TopicClasses.Select(c => c.ShortName + " " + c.Operation));
            }
        }
        finally
        {
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }
}

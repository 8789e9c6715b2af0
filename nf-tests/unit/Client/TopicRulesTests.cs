using LinkKit.Nano.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    [TestClass]
    public class TopicRulesTests
    {
        [TestMethod]
        [DataRow("/a1X2bEnP82z/example1/user/update", 0)] // an ordinary custom topic
        [DataRow("/sys/a/b/thing/event/property/post", 0)]
        [DataRow("", -61)]                                 // empty
        [DataRow("/a/+/c", -61)]                           // wildcards are for filters only
        [DataRow("/a/#", -61)]
        [DataRow("/a/b+c", -61)]                           // even inside a level
        public void CheckTopicName(string topic, int expected)
        {
            byte[] bytes = Harness.Ascii(topic);
            Assert.AreEqual(expected, MqttTopicRules.CheckTopicName(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void CheckTopicName_LimitIs128Characters()
        {
            byte[] ok = Harness.Ascii("/" + Harness.Repeat('a', 127));
            byte[] tooLong = Harness.Ascii("/" + Harness.Repeat('a', 128));
            Assert.AreEqual(ErrorCode.Ok, MqttTopicRules.CheckTopicName(ok, 0, ok.Length));
            Assert.AreEqual(ErrorCode.TopicTooLong, MqttTopicRules.CheckTopicName(tooLong, 0, tooLong.Length));
        }

        [TestMethod]
        public void CheckTopicName_CountsUtf8Characters_NotBytes()
        {
            // 128 x U+00E9 ("é", 2 bytes each): 256 bytes but 128 characters
            byte[] topic = new byte[256];
            for (int i = 0; i < 256; i += 2)
            {
                topic[i] = 0xC3;
                topic[i + 1] = 0xA9;
            }

            Assert.AreEqual(ErrorCode.Ok, MqttTopicRules.CheckTopicName(topic, 0, 256));
        }

        [TestMethod]
        public void CheckTopicName_RejectsNul()
        {
            byte[] topic = { (byte)'/', 0, (byte)'a' };
            Assert.AreEqual(ErrorCode.InvalidTopic, MqttTopicRules.CheckTopicName(topic, 0, 3));
        }

        [TestMethod]
        [DataRow("/a/b", 0)]
        [DataRow("/a/+/c", 0)]   // '+' as a whole level
        [DataRow("+", 0)]
        [DataRow("/a/#", 0)]     // '#' as the whole last level
        [DataRow("#", 0)]
        [DataRow("+/+/#", 0)]
        [DataRow("", -61)]       // empty
        [DataRow("/a/b+", -61)]  // '+' inside a level
        [DataRow("/a/#/b", -61)] // '#' not last
        [DataRow("/a/b#", -61)]  // '#' inside a level
        public void CheckTopicFilter(string filter, int expected)
        {
            Assert.AreEqual(expected, MqttTopicRules.CheckTopicFilter(filter));
        }

        [TestMethod]
        public void CheckTopicFilter_LimitIs128Characters()
        {
            Assert.AreEqual(ErrorCode.Ok, MqttTopicRules.CheckTopicFilter("/" + Harness.Repeat('a', 127)));
            Assert.AreEqual(ErrorCode.TopicTooLong, MqttTopicRules.CheckTopicFilter("/" + Harness.Repeat('a', 128)));
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(1, 0)]
        [DataRow(2, -64)]  // the platform has no QoS 2
        [DataRow(-1, -64)]
        public void CheckQos(int qos, int expected)
        {
            Assert.AreEqual(expected, MqttTopicRules.CheckQos(qos));
        }
    }
}

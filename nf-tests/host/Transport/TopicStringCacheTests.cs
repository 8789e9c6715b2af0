using System.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Transport
{
    /// <summary>The host transport builds a publish topic's string once, then hands back the same instance.</summary>
    public sealed class TopicStringCacheTests
    {
        private static byte[] Framed(string topic) => Encoding.UTF8.GetBytes("##" + topic + "##");

        [Fact]
        public void Same_bytes_give_the_same_instance_and_other_bytes_their_own_string()
        {
            var cache = new TopicStringCache(2);
            byte[] post = Framed("/sys/pk/dn/thing/event/property/post");
            string first = cache.Get(post, 2, post.Length - 4);
            Assert.Equal("/sys/pk/dn/thing/event/property/post", first);
            Assert.Same(first, cache.Get(Framed("/sys/pk/dn/thing/event/property/post"), 2, post.Length - 4));

            byte[] chinese = Encoding.UTF8.GetBytes("/pk/dn/user/温度");
            Assert.Equal("/pk/dn/user/温度", cache.Get(chinese, 0, chinese.Length));
            Assert.Same(first, cache.Get(post, 2, post.Length - 4));   // both fit in a capacity of 2
        }

        [Fact]
        public void The_oldest_topic_is_forgotten_when_the_cache_is_full()
        {
            var cache = new TopicStringCache(2);
            byte[] a = Encoding.UTF8.GetBytes("/a"), b = Encoding.UTF8.GetBytes("/b"), c = Encoding.UTF8.GetBytes("/c");
            string firstA = cache.Get(a, 0, 2);
            cache.Get(b, 0, 2);
            cache.Get(c, 0, 2);                                         // replaces "/a"
            string secondA = cache.Get(a, 0, 2);
            Assert.Equal("/a", secondA);
            Assert.NotSame(firstA, secondA);
        }
    }
}

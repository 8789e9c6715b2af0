using System;
using LinkKit.Nano.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    [TestClass]
    public class ReconnectBackoffTests
    {
        [TestMethod]
        public void FirstWait_IsTheMinimum_WhateverTheRandom()
        {
            Assert.AreEqual(3000, new ReconnectBackoff(3, 60, new FixedRandom(0)).NextDelayMilliseconds());
            Assert.AreEqual(3000, new ReconnectBackoff(3, 60, new FixedRandom(1000)).NextDelayMilliseconds());
        }

        [TestMethod]
        public void HighestRandom_FollowsTheDoublingCeiling_UpToMax()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1, 60, new FixedRandom(1000));
            int[] expected = { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], backoff.NextDelayMilliseconds(), "wait " + i);
        }

        [TestMethod]
        public void LowestRandom_StaysAtTheMinimum()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(2, 60, new FixedRandom(0));
            for (int i = 0; i < 20; i++) Assert.AreEqual(2000, backoff.NextDelayMilliseconds(), "wait " + i);
        }

        [TestMethod]
        public void MiddleRandom_IsFullJitterAboveTheFloor()
        {
            // min 1 s, ceilings 1, 2, 4, 8 s: half-way between floor and ceiling
            ReconnectBackoff backoff = new ReconnectBackoff(1, 8, new FixedRandom(500));
            int[] expected = { 1000, 1500, 2500, 4500, 4500 };
            for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], backoff.NextDelayMilliseconds(), "wait " + i);
        }

        [TestMethod]
        public void NoWait_ExceedsMax_EvenWithABrokenRandom()
        {
            // Python's wait reaches max + U[1, max]; ours never passes max.
            ReconnectBackoff backoff = new ReconnectBackoff(1, 5, new BrokenRandom());
            for (int i = 0; i < 40; i++)
            {
                int delay = backoff.NextDelayMilliseconds();
                Assert.IsTrue(delay >= 1000 && delay <= 5000, "wait " + i + " was " + delay);
            }
        }

        [TestMethod]
        public void MinEqualsMax_GivesConstantWaits()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(7200, 7200, new FixedRandom(1000));
            for (int i = 0; i < 40; i++) Assert.AreEqual(7200000, backoff.NextDelayMilliseconds());
        }

        [TestMethod]
        public void Reset_StartsAgainFromTheMinimum()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1, 60, new FixedRandom(1000));
            backoff.NextDelayMilliseconds();
            backoff.NextDelayMilliseconds();
            Assert.AreEqual(4000, backoff.NextDelayMilliseconds());
            backoff.Reset();
            Assert.AreEqual(0, backoff.Attempt);
            Assert.AreEqual(1000, backoff.NextDelayMilliseconds());
        }

        [TestMethod]
        public void Ceiling_IsMinTimesPowerOfTwo_CappedAtMax()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1, 7200, new FixedRandom(0));
            Assert.AreEqual(1000, backoff.GetCeilingMilliseconds(0));
            Assert.AreEqual(1024000, backoff.GetCeilingMilliseconds(10));
            Assert.AreEqual(7200000, backoff.GetCeilingMilliseconds(13));
            Assert.AreEqual(7200000, backoff.GetCeilingMilliseconds(1000)); // no overflow
        }

        [TestMethod]
        public void InvalidBounds_AreRejected()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { new ReconnectBackoff(0, 5, new FixedRandom(0)); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { new ReconnectBackoff(6, 5, new FixedRandom(0)); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { new ReconnectBackoff(1, 7201, new FixedRandom(0)); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { new ReconnectBackoff(1, 5, null); });
        }
    }
}

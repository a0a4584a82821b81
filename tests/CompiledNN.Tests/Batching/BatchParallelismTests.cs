using System;
using System.Threading;
using System.Threading.Tasks;
using CompiledNN.Runtime;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The worker pool on its own: every chunk runs exactly once however the runs follow each other (back to back, while the
/// helpers spin, or after a pause long enough for them to block), a chunk's exception reaches the caller, and a second
/// caller that finds the pool busy still gets all its chunks run. They run alone (not beside other test classes), so
/// that the pool is free when a test needs it to be, and their spinning threads do not slow other tests.
/// </summary>
[Collection(nameof(BatchParallelismTests))]
public sealed class BatchParallelismTests
{
    [Fact]
    public void EveryChunkRunsOnceInRunsBackToBackAndAfterPauses()
    {
        var work = new CountingWork(chunks: 37);
        for (int run = 0; run < 3000; run++)
        {
            work.Reset();
            int workers = 1 + (run % 3);
            BatchParallelism.Run(work, work.Chunks, workers, default, default, default, default);
            work.AssertEachChunkRanOnce();
            if (run % 500 == 0)
            {
                // Longer than the helpers spin, so the next run has to wake them from blocking.
                Thread.Sleep(5);
            }
        }
    }

    [Fact]
    public void AChunksExceptionReachesTheCallerAfterEveryChunkRan()
    {
        // On the pool, on one thread, and on the calling thread alone after a lost run.
        long firstAloneTime = BatchParallelism.FirstAloneTime;
        var work = new CountingWork(chunks: 8) { Throwing = 5 };
        try
        {
            for (int run = 0; run < 60; run++)
            {
                work.Reset();
                if (run == 50)
                {
                    BatchParallelism.FirstAloneTime = System.Diagnostics.Stopwatch.Frequency * 600;
                    BatchParallelism.ForgetLostRuns();
                    var descheduled = new DescheduledHelperWork(Environment.CurrentManagedThreadId);
                    BatchParallelism.Run(descheduled, 2, 2, default, default, default, default);
                    Assert.True(BatchParallelism.RunsAlone, "The pool did not go alone after a lost run.");
                }

                int workers = run < 40 ? 2 : 1 + (run % 2);
                var exception = Assert.Throws<InvalidOperationException>(() => BatchParallelism.Run(work, work.Chunks, workers, default, default, default, default));
                Assert.Equal("chunk 5", exception.Message);
                work.AssertEachChunkRanOnce();
            }
        }
        finally
        {
            BatchParallelism.FirstAloneTime = firstAloneTime;
            BatchParallelism.ForgetLostRuns();
        }
    }

    [Fact]
    public void AnExceptionOnAHelperThreadReachesTheCaller()
    {
        Assert.True(BatchParallelism.MaxWorkers > 1, "This test needs two processors.");

        // Each chunk waits until both have started, so the two run on two threads; the one off the calling thread throws.
        BatchParallelism.ForgetLostRuns();
        var work = new TwoThreadsWork(Environment.CurrentManagedThreadId);
        var exception = Assert.Throws<InvalidOperationException>(() => BatchParallelism.Run(work, 2, 2, default, default, default, default));
        Assert.Equal("thrown on a helper thread", exception.Message);
        Assert.Equal(2, work.Started);
    }

    [Fact]
    public void TheCallerReturnsOnlyOnceAHelpersSlowChunkIsDone()
    {
        Assert.True(BatchParallelism.MaxWorkers > 1, "This test needs two processors.");

        // The helper's chunk outlasts the caller's spinning (0.2 ms) in some runs, so the caller blocks and the helper
        // must wake it; in the others the caller sees it finish while spinning. Those runs lose to one thread, so the pool
        // is told to go on handing chunks over after them.
        long firstAloneTime = BatchParallelism.FirstAloneTime;
        long longestAloneTime = BatchParallelism.LongestAloneTime;
        BatchParallelism.FirstAloneTime = 0;
        BatchParallelism.LongestAloneTime = 0;
        BatchParallelism.ForgetLostRuns();
        try
        {
            var work = new SlowHelperWork(Environment.CurrentManagedThreadId);
            for (int run = 0; run < 40; run++)
            {
                work.Reset(TimeSpan.FromMilliseconds(run % 4 == 0 ? 0.05 : 0.1 * (run % 7)));
                BatchParallelism.Run(work, 2, 2, default, default, default, default);
                work.AssertBothDone();
            }
        }
        finally
        {
            BatchParallelism.FirstAloneTime = firstAloneTime;
            BatchParallelism.LongestAloneTime = longestAloneTime;
            BatchParallelism.ForgetLostRuns();
        }
    }

    [Fact]
    public void ARunCompletesOnTheCallingThreadWhileItsHelperIsHeldUpBeforeClaimingAChunk()
    {
        Assert.True(BatchParallelism.MaxWorkers > 1, "This test needs two processors.");

        // The hook holds the helper as a descheduled thread would be held: handed a run, not yet claiming. Each run must
        // return with every chunk run on the calling thread while the helper is still held; a pool that waited for its
        // helper would return only once the hook let it go, 30 s later.
        BatchParallelism.ForgetLostRuns();

        // Not disposed: the helper may still be inside the hook, or about to enter it, when the test returns, and a
        // disposed event would throw on its thread and take the test host down.
        var release = new ManualResetEventSlim();
        int handed = 0;
        int holding = 0;
        BatchParallelism.HelperHandedRun = () =>
        {
            Interlocked.Increment(ref handed);
            Volatile.Write(ref holding, 1);
            release.Wait(TimeSpan.FromSeconds(30));
            Volatile.Write(ref holding, 0);
        };
        try
        {
            var work = new ReturnedWork(chunks: 6);
            for (int run = 0; run < 200 && Volatile.Read(ref handed) == 0; run++)
            {
                work.Reset();
                BatchParallelism.Run(work, work.Chunks, 2, default, default, default, default);
                work.MarkReturned();
                Assert.True(work.AllOnTheCaller, "A chunk ran on the helper the hook holds up.");
                Thread.Sleep(1);
            }

            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref holding) == 1, TimeSpan.FromSeconds(10)), "The helper was never handed a run.");
            for (int run = 0; run < 100; run++)
            {
                work.Reset();
                BatchParallelism.Run(work, work.Chunks, 2, default, default, default, default);
                work.MarkReturned();
                Assert.True(work.AllOnTheCaller, "A chunk ran on the helper the hook holds up.");
                Assert.Equal(1, Volatile.Read(ref holding));
            }

            Assert.Equal(0, work.LateChunks);
        }
        finally
        {
            BatchParallelism.HelperHandedRun = null;
            release.Set();
        }
    }

    [Fact]
    public void AfterAHelperHeldARunUpTheNextRunsGoOnTheCallingThreadAlone()
    {
        Assert.True(BatchParallelism.MaxWorkers > 1, "This test needs two processors.");

        // The helper claims a chunk, then loses its processor for 0.5 s (it sleeps), while the caller's chunk takes no
        // time: the run took far longer than the caller alone would have. The runs after it must not hand the helper
        // anything; the back-off is made to outlast the test, so that the clock does not decide.
        WithTimesAloneLongerThanTheTest(() =>
        {
            var descheduled = new DescheduledHelperWork(Environment.CurrentManagedThreadId);
            BatchParallelism.Run(descheduled, 2, 2, default, default, default, default);
            Assert.Equal(1, descheduled.OnHelper);
            Assert.True(BatchParallelism.RunsAlone, "The pool goes on using a helper that made a run slower than the caller alone.");

            var work = new ReturnedWork(chunks: 6);
            for (int run = 0; run < 100; run++)
            {
                work.Reset();
                BatchParallelism.Run(work, work.Chunks, 2, default, default, default, default);
                work.MarkReturned();
                Assert.True(work.AllOnTheCaller, "A run after the lost one handed a chunk to the helper.");
            }

            // Once the lost runs are forgotten, the helper takes chunks again.
            BatchParallelism.ForgetLostRuns();
            var twoThreads = new TwoThreadsWork(Environment.CurrentManagedThreadId);
            Assert.Throws<InvalidOperationException>(() => BatchParallelism.Run(twoThreads, 2, 2, default, default, default, default));
            Assert.Equal(2, twoThreads.Started);
        });
    }

    [Fact]
    public void ALossNoLargerThanWhatTheHelpersJustSavedKeepsThePoolSharing()
    {
        // A run where the caller's chunk took 10 ms and the helper's arrived with no wait saved 10 ms, which counts for
        // 1 ms at most; a loss of 0.5 ms is then covered, one of 100 ms more is not (and any loss sends the pool alone for
        // longer than the test, so that the clock does not decide).
        long ms = System.Diagnostics.Stopwatch.Frequency / 1_000;
        WithTimesAloneLongerThanTheTest(() =>
        {
            BatchParallelism.JudgeRun(ownTime: 10 * ms, own: 1, helped: 1, waited: 0, helpersWaking: false);
            BatchParallelism.JudgeRun(ownTime: ms, own: 1, helped: 1, waited: ms + (ms / 2), helpersWaking: false);
            Assert.False(BatchParallelism.RunsAlone, "A loss smaller than the helpers' savings just before sent the pool alone.");

            BatchParallelism.JudgeRun(ownTime: ms, own: 1, helped: 1, waited: 101 * ms, helpersWaking: false);
            Assert.True(BatchParallelism.RunsAlone, "A loss far beyond the helpers' savings kept the pool sharing.");
        });
    }

    [Fact]
    public void AWokenHelpersLatenessIsNotCountedAsALossUpToAWakeUpsTime()
    {
        // A helper woken from its sleep 20 µs late, with nothing saved before: not a loss; the same lateness from a helper
        // that was awake is one, and so is a woken helper's lateness of 100 ms (any loss sends the pool alone for longer
        // than the test).
        long us = System.Diagnostics.Stopwatch.Frequency / 1_000_000;
        WithTimesAloneLongerThanTheTest(() =>
        {
            BatchParallelism.JudgeRun(ownTime: 100 * us, own: 1, helped: 1, waited: 120 * us, helpersWaking: true);
            Assert.False(BatchParallelism.RunsAlone, "A woken helper's wake-up counted as a loss.");

            BatchParallelism.JudgeRun(ownTime: 100 * us, own: 1, helped: 1, waited: 120 * us, helpersWaking: false);
            Assert.True(BatchParallelism.RunsAlone, "An awake helper's lateness did not count as a loss.");

            BatchParallelism.ForgetLostRuns();
            BatchParallelism.JudgeRun(ownTime: 100 * us, own: 1, helped: 1, waited: 100_100 * us, helpersWaking: true);
            Assert.True(BatchParallelism.RunsAlone, "A woken helper that then lost its processor did not count as a loss.");
        });
    }

    [Fact]
    public void HelpersThatKeepMissingTheirRunsSendThePoolAlone()
    {
        // Runs of two 50 µs chunks both taken by the caller while the helper was awake: each counts as a chunk lost.
        long us = System.Diagnostics.Stopwatch.Frequency / 1_000_000;
        WithTimesAloneLongerThanTheTest(() =>
        {
            BatchParallelism.JudgeRun(ownTime: 100 * us, own: 2, helped: 0, waited: 0, helpersWaking: true);
            Assert.False(BatchParallelism.RunsAlone, "A helper woken for the run counted as lost for missing it.");

            BatchParallelism.JudgeRun(ownTime: 100 * us, own: 2, helped: 0, waited: 0, helpersWaking: false);
            Assert.True(BatchParallelism.RunsAlone, "An awake helper that missed its run did not count as a loss.");
        });
    }

    /// <summary>Runs <paramref name="test"/> from a pool with no lost runs, each loss sending it alone for 10 minutes, so that the clock does not decide; then forgets them.</summary>
    private static void WithTimesAloneLongerThanTheTest(Action test)
    {
        long firstAloneTime = BatchParallelism.FirstAloneTime;
        BatchParallelism.FirstAloneTime = System.Diagnostics.Stopwatch.Frequency * 600;
        BatchParallelism.ForgetLostRuns();
        try
        {
            test();
        }
        finally
        {
            BatchParallelism.FirstAloneTime = firstAloneTime;
            BatchParallelism.ForgetLostRuns();
        }
    }

    [Fact]
    public void AnIdlePoolForgetsTheLastRunsWork()
    {
        Assert.True(BatchParallelism.MaxWorkers > 1, "This test needs two processors.");
        WeakReference work = RunOnceAndDrop();

        // The helpers spin for 0.2 ms after a run, then drop it before they block.
        bool collected = SpinWait.SpinUntil(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                return !work.IsAlive;
            },
            TimeSpan.FromSeconds(10));
        Assert.True(collected, "The pool still holds the last run's work 10 s after it.");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RunOnceAndDrop()
    {
        var work = new CountingWork(chunks: 4);
        BatchParallelism.Run(work, work.Chunks, 2, default, default, default, default);
        work.AssertEachChunkRanOnce();
        return new WeakReference(work);
    }

    [Fact]
    public void ConcurrentCallersEachGetAllTheirChunksRun()
    {
        const int Callers = 4;
        using var start = new Barrier(Callers);
        Parallel.For(0, Callers, new ParallelOptions { MaxDegreeOfParallelism = Callers }, caller =>
        {
            var work = new CountingWork(chunks: 11 + caller);
            start.SignalAndWait();
            for (int run = 0; run < 500; run++)
            {
                work.Reset();
                BatchParallelism.Run(work, work.Chunks, 2, default, default, default, default);
                work.AssertEachChunkRanOnce();
            }
        });
    }

    [Fact]
    public void WithTheCoresOversubscribedTheCallerRunsWhatNoHelperClaimedAndNoChunkRunsAfterItsRunReturned()
    {
        // Busy threads on every core deschedule the helpers at random points: the caller must then take the chunks no
        // helper claimed instead of waiting for one to arrive, and a helper that arrives late must find nothing of a run
        // that has returned (its spans are no longer pinned).
        using var stop = new CancellationTokenSource();
        var busy = new Thread[BatchParallelism.MaxWorkers];
        for (int t = 0; t < busy.Length; t++)
        {
            busy[t] = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Thread.SpinWait(100);
                }
            })
            {
                IsBackground = true,
            };
            busy[t].Start();
        }

        try
        {
            var works = new[] { new ReturnedWork(chunks: 2), new ReturnedWork(chunks: 5) };
            int callerRanAll = 0;
            for (int run = 0; run < 2000; run++)
            {
                ReturnedWork work = works[run % 2];
                work.Reset();
                BatchParallelism.Run(work, work.Chunks, 2, default, default, default, default);
                work.MarkReturned();
                callerRanAll += work.AllOnTheCaller ? 1 : 0;
            }

            foreach (ReturnedWork work in works)
            {
                Assert.Equal(0, work.LateChunks);
            }

            Assert.True(callerRanAll > 0, "The caller never ran a whole run alone, so the late-helper path was not exercised.");
        }
        finally
        {
            stop.Cancel();
            foreach (Thread thread in busy)
            {
                thread.Join();
            }
        }
    }

    private sealed class ReturnedWork(int chunks) : IChunkWork
    {
        private readonly int[] _runs = new int[chunks];
        private int _returned;
        private int _late;
        private int _onHelpers;

        public int Chunks => chunks;

        public int LateChunks => Volatile.Read(ref _late);

        public bool AllOnTheCaller => _onHelpers == 0;

        public void Reset()
        {
            Array.Clear(_runs);
            _onHelpers = 0;
            Volatile.Write(ref _returned, 0);
        }

        public void MarkReturned()
        {
            Assert.All(_runs, static count => Assert.Equal(1, count));
            Volatile.Write(ref _returned, 1);
        }

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            if (Volatile.Read(ref _returned) == 1)
            {
                Interlocked.Increment(ref _late);
            }

            Interlocked.Increment(ref _runs[chunk]);
            if (worker != 0)
            {
                Interlocked.Increment(ref _onHelpers);
            }
        }
    }

    private sealed class CountingWork(int chunks) : IChunkWork
    {
        private readonly int[] _runs = new int[chunks];

        public int Chunks => chunks;

        public int Throwing { get; init; } = -1;

        public void Reset() => Array.Clear(_runs);

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            Assert.InRange(worker, 0, BatchParallelism.MaxWorkers - 1);
            Interlocked.Increment(ref _runs[chunk]);
            if (chunk == Throwing)
            {
                throw new InvalidOperationException("chunk " + chunk);
            }
        }

        public void AssertEachChunkRanOnce() => Assert.All(_runs, static count => Assert.Equal(1, count));
    }

    private sealed class SlowHelperWork(int callingThread) : IChunkWork
    {
        private readonly int[] _done = new int[2];
        private TimeSpan _helperTime;

        public void Reset(TimeSpan helperTime)
        {
            _helperTime = helperTime;
            Array.Clear(_done);
        }

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            if (Environment.CurrentManagedThreadId != callingThread)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed < _helperTime)
                {
                    Thread.SpinWait(10);
                }
            }

            Volatile.Write(ref _done[chunk], 1);
        }

        public void AssertBothDone() => Assert.All(_done, static done => Assert.Equal(1, done));
    }

    private sealed class DescheduledHelperWork(int callingThread) : IChunkWork
    {
        private int _onHelper;

        public int OnHelper => Volatile.Read(ref _onHelper);

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            if (Environment.CurrentManagedThreadId == callingThread)
            {
                // The caller's chunk ends as soon as the helper has claimed the other, so the caller can only wait.
                Assert.True(SpinWait.SpinUntil(() => OnHelper == 1, TimeSpan.FromSeconds(10)), "The helper never claimed a chunk.");
            }
            else
            {
                Interlocked.Increment(ref _onHelper);
                Thread.Sleep(500);
            }
        }
    }

    private sealed class TwoThreadsWork(int callingThread) : IChunkWork
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            Interlocked.Increment(ref _started);
            Assert.True(SpinWait.SpinUntil(() => Started == 2, TimeSpan.FromSeconds(10)), "The second chunk never started beside the first.");
            if (Environment.CurrentManagedThreadId != callingThread)
            {
                throw new InvalidOperationException("thrown on a helper thread");
            }
        }
    }
}

/// <summary>The pool's tests run on their own, after the test classes that run side by side.</summary>
[CollectionDefinition(nameof(BatchParallelismTests), DisableParallelization = true)]
public sealed class BatchParallelismCollection;

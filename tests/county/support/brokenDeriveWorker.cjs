// A worker whose code cannot run here (derivePool.test.ts): it fails while loading, before it is ready.
throw new Error('模拟：工作线程的代码无法加载');

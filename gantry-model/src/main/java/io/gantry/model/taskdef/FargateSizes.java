package io.gantry.model.taskdef;

/**
 * The task CPU and memory combinations Fargate offers: for each CPU size a range of memory sizes
 * in fixed steps (256 CPU: 512, 1024 or 2048 MiB; 512: 1–4 GB; 1024: 2–8 GB; 2048: 4–16 GB;
 * 4096: 8–30 GB, all in 1 GB steps; 8192: 16–60 GB in 4 GB steps; 16384: 32–120 GB in 8 GB
 * steps).
 */
public final class FargateSizes {
  private FargateSizes() {}

  public static boolean supports(int cpu, int memory) {
    return switch (cpu) {
      case 256 -> memory == 512 || memory == 1024 || memory == 2048;
      case 512 -> steps(memory, 1024, 4096, 1024);
      case 1024 -> steps(memory, 2048, 8192, 1024);
      case 2048 -> steps(memory, 4096, 16384, 1024);
      case 4096 -> steps(memory, 8192, 30720, 1024);
      case 8192 -> steps(memory, 16384, 61440, 4096);
      case 16384 -> steps(memory, 32768, 122880, 8192);
      default -> false;
    };
  }

  private static boolean steps(int memory, int min, int max, int step) {
    return memory >= min && memory <= max && (memory - min) % step == 0;
  }
}

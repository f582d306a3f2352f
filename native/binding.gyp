{
  "targets": [
    {
      "target_name": "optlab_native",
      "sources": [
        "src/addon.cc",
        "src/gemm.cc",
        "src/activation.cc",
        "src/conv.cc",
        "src/convGemm.cc",
        "src/singleChannelConv.cc",
        "src/pool.cc",
        "src/elementwise.cc",
        "src/optimizer.cc",
        "src/loss.cc",
        "src/parallel.cc",
        "src/batchnorm.cc",
        "src/gelu.cc",
        "src/layernorm.cc",
        "src/depthwise.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "/usr/include/x86_64-linux-gnu",
        "/usr/include/openblas"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-O3", "-pthread", "-std=c++17", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off"],
      "libraries": ["-lopenblas", "-pthread"]
    }
  ]
}

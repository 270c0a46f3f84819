# Included from the top-level CMakeLists.txt (a custom command's output must be
# generated in the directory of the target that compiles it).
# Every preset, compiled into the library (cmake/EmbedFiles.cmake) so that kvtier runs with
# no files beside it. Adding a preset means adding it here.
set(KVTIER_PRESETS
  accelerators/b200.toml
  accelerators/b300.toml
  accelerators/h100_sxm.toml
  accelerators/h200.toml
  accelerators/mi300x.toml
  accelerators/mi325x.toml
  accelerators/mi355x.toml
  links/nvlink_c2c.toml
  links/nvme_gen4_x4.toml
  links/nvme_gen5_x4.toml
  links/pcie_gen4_x16.toml
  links/pcie_gen5_x16.toml
  links/pcie_gen6_x16.toml
  links/rdma_400g.toml
  models/deepseek-v3.toml
  models/gpt-oss-120b.toml
  models/llama-3.1-405b.toml
  models/llama-3.1-70b.toml
  models/llama-3.1-8b.toml
  models/qwen3-235b-a22b.toml
  models/qwen3-32b.toml
  systems/cache-only.toml
  systems/default.toml
  systems/h100-tp4-4tier.toml
  tiers/cxl_ddr5_x8.toml
  tiers/ddr5_host.toml
  tiers/hbm3_h100.toml
  tiers/hbm3_mi300x.toml
  tiers/hbm3e_b200.toml
  tiers/hbm3e_b300.toml
  tiers/hbm3e_h200.toml
  tiers/hbm3e_mi325x.toml
  tiers/hbm3e_mi355x.toml
  tiers/kioxia_lc9.toml
  tiers/lpddr5x_accel.toml
  tiers/lpddr5x_grace.toml
  tiers/lpddr6_accel.toml
  tiers/micron_6600_ion.toml
  tiers/micron_9550_max.toml
  tiers/micron_9550_pro.toml
  tiers/qlc_essd_gen4.toml
  tiers/qlc_essd_gen5.toml
  tiers/samsung_bm1743.toml
  tiers/solidigm_d5_p5336_122tb.toml
  tiers/solidigm_d5_p5336_61tb.toml
  tiers/tlc_essd_gen5.toml
  workloads/chat.toml
)
list(TRANSFORM KVTIER_PRESETS PREPEND "${PROJECT_SOURCE_DIR}/configs/" OUTPUT_VARIABLE preset_paths)
set(embedded "${CMAKE_BINARY_DIR}/generated/embedded_presets.cpp")
add_custom_command(
  OUTPUT "${embedded}"
  COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${embedded}" "-DROOT=${PROJECT_SOURCE_DIR}/configs"
          "-DFILES=${KVTIER_PRESETS}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
  DEPENDS ${preset_paths} "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
  COMMENT "Embedding configs/ presets"
  VERBATIM)
target_sources(kvtier PRIVATE "${embedded}")

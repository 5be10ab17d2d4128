# Compiles the rule tables in data/ into the library, so that a rule change is a readable diff
# of a text file and the binary needs no files at run time.
#
# winnow_embed_data(OUT_SOURCE FILE...) generates OUT_SOURCE defining the table
# winnow::data::kFiles ({name, contents}), looked up with winnow::data::file().
function(winnow_embed_data out)
  set(inputs ${ARGN})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DINPUTS=${inputs}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedDataScript.cmake
    DEPENDS ${inputs} ${PROJECT_SOURCE_DIR}/cmake/EmbedDataScript.cmake
    COMMENT "Embedding rule tables from data/"
    VERBATIM)
endfunction()

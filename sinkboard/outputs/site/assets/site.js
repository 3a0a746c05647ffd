// placeholder: the renderer lands from its own branch
window.vegaEmbedReady = vegaEmbed;
